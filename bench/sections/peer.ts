import { createTicketNotifier } from '../../src';
import type { BenchDatabase } from '../support/bench-database';
import { seedPeople, seedTickets } from '../support/fixtures';
import { benchConfig } from '../support/notifier-config';
import type { Figure } from '../support/report';
import type { SmtpSink } from '../support/smtp-sink';
import { median, round } from '../support/stats';
import { measurePeerDelivery, PROCESSES } from './peer-delivery';
import { installPeerSchema, PEER_CONCURRENCY, peerStatusChange, peerWorkerUtils } from './peer-graphile';
import { reachable } from './scale';

// The project against the peer (peer-graphile.ts): what a strong engineer
// builds with graphile-worker and no notifier. Each ratio is project over
// peer, measured side by side in one run.

export interface PeerWrites {
  writes: number;
  bareMedianMs: number;
  projectMedianMs: number;
  peerMedianMs: number;
  /** Peer median over bare median: the write section's notifying / bare, for the peer. */
  peerVsBare: number;
  /** Project median over peer median. */
  projectVsPeer: number;
  jobsPerWrite: number;
}

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/**
 * Status changes through bare Prisma, the project's notifying client and the
 * peer (transaction + add_job), interleaved write by write on the same
 * database, each on a ticket of its own and in a rotating order, so all three
 * see the same cache, disk and neighbours. PostgreSQL only.
 */
export async function measurePeerWrites(db: BenchDatabase, writes: number): Promise<PeerWrites> {
  await db.reset();
  const people = await seedPeople(db.prisma);
  const warmUp = Math.min(100, writes);
  const steps = writes + warmUp;
  await seedTickets(db.prisma, people, steps * 3);
  const ids = (await db.prisma.ticket.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id);
  const notifier = createTicketNotifier({ prisma: db.prisma, config: benchConfig(db.url) });
  const utils = await peerWorkerUtils(db.url);
  const ms = { bare: [] as number[], project: [] as number[], peer: [] as number[] };
  try {
    for (let step = 0; step < steps; step++) {
      const [bare, project, peer] = [ids[3 * step], ids[3 * step + 1], ids[3 * step + 2]];
      const writers = [
        ['bare', () => db.prisma.ticket.update({ where: { id: bare }, data: { status: 'pending' } })],
        ['project', () => notifier.client.ticket.update({ where: { id: project }, data: { status: 'pending' } })],
        ['peer', () => peerStatusChange(db.prisma, peer, 'pending')],
      ] as const;
      for (let k = 0; k < 3; k++) {
        const [who, write] = writers[(step + k) % 3];
        const t = await time(write);
        if (step >= warmUp) ms[who].push(t);
      }
    }
    const jobs = await db.prisma.$queryRaw<{ id: string }[]>`SELECT id::text FROM graphile_worker.jobs`;
    // The write test's jobs are not for the delivery test: completed unsent, through the API.
    await utils.completeJobs(jobs.map((j) => j.id));
    const [bare, project, peer] = [median(ms.bare), median(ms.project), median(ms.peer)];
    return { writes, bareMedianMs: bare, projectMedianMs: project, peerMedianMs: peer, peerVsBare: peer / bare, projectVsPeer: project / peer, jobsPerWrite: jobs.length / steps };
  } finally {
    await utils.release();
    await notifier.close();
  }
}

const SECTION = '7 peer';
const PG_ONLY = 'PostgreSQL only';
const TARGET = 1.2;

type DeliveryRunLike = { perSecond: number };
const perSecond = (runs: (DeliveryRunLike | null)[]) => `${Math.round(median(runs.map((r) => r!.perSecond)))} emails/s`;

/** project / peer, the median of the runs' own ratios, with its target. */
function versus(name: string, pairs: [DeliveryRunLike | null, DeliveryRunLike | null][], withPeer: boolean): Figure {
  if (!withPeer) return { section: SECTION, name, value: PG_ONLY };
  const ratio = median(pairs.map(([project, peer]) => project!.perSecond / peer!.perSecond));
  return { section: SECTION, name, value: `${round(ratio)}×`, target: `≥ ${TARGET}×`, met: ratio >= TARGET };
}

/**
 * The peer section: writes (PostgreSQL only) and delivery, one process and
 * two, each figure the median of `runs`. On SQLite the project's delivery is
 * measured and the peer's figures say "PostgreSQL only".
 */
export async function measurePeer(db: BenchDatabase, sink: SmtpSink, o: { writes: number; emails: number; runs: number; log: (s: string) => void }) {
  const withPeer = db.provider === 'postgresql';
  const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisUrl = (await reachable(redis)) ? redis : null;
  if (!redisUrl) o.log(`peer: DELIVERY=bullmq skipped, no Redis at ${redis}`);
  const figures: Figure[] = [];

  const writes: PeerWrites[] = [];
  if (withPeer) {
    await installPeerSchema(db.url);
    for (let r = 1; r <= o.runs; r++) {
      o.log(`peer: write run ${r}/${o.runs}, ${o.writes} status changes each: bare, project, graphile-worker`);
      writes.push(await measurePeerWrites(db, o.writes));
    }
    const ms = (key: 'bareMedianMs' | 'projectMedianMs' | 'peerMedianMs') => `${round(median(writes.map((w) => w[key])))} ms`;
    figures.push(
      { section: SECTION, name: `write, median of ${o.writes} status changes: bare Prisma`, value: ms('bareMedianMs') },
      { section: SECTION, name: 'write: project (notifying client)', value: ms('projectMedianMs') },
      { section: SECTION, name: 'write: peer (interactive transaction + add_job)', value: ms('peerMedianMs') },
      { section: SECTION, name: 'write: peer / bare', value: `${round(median(writes.map((w) => w.peerVsBare)))}×` },
      { section: SECTION, name: 'write: project / peer (time; below 1 is faster)', value: `${round(median(writes.map((w) => w.projectVsPeer)))}×` },
    );
  } else {
    figures.push({ section: SECTION, name: 'write: peer (graphile-worker)', value: PG_ONLY });
  }

  const runs = await measurePeerDelivery(db, sink, { emails: o.emails, runs: o.runs, redisUrl, log: o.log });
  const one = runs.map((r) => r.oneProcess);
  const two = runs.map((r) => r.twoProcesses);
  const peerValue = (peers: (DeliveryRunLike | null)[]) => (withPeer ? perSecond(peers) : PG_ONLY);
  figures.push(
    { section: SECTION, name: `one process, ${o.emails} emails: project (drain(), in the bench process)`, value: perSecond(one.map((r) => r.project)) },
    { section: SECTION, name: 'one process: peer (one runner, in the bench process)', value: peerValue(one.map((r) => r.peer)) },
    versus('one process: project / peer', one.map((r) => [r.project, r.peer]), withPeer),
    { section: SECTION, name: `${PROCESSES} processes: project DELIVERY=worker`, value: perSecond(two.map((r) => r.worker)) },
    { section: SECTION, name: `${PROCESSES} processes: project DELIVERY=bullmq`, value: redisUrl ? perSecond(two.map((r) => r.bullmq)) : `skipped: no Redis at ${redis}` },
    { section: SECTION, name: `${PROCESSES} processes: peer (runners of concurrency ${PEER_CONCURRENCY})`, value: peerValue(two.map((r) => r.peer)) },
    versus(`${PROCESSES} processes: DELIVERY=worker / peer`, two.map((r) => [r.worker, r.peer]), withPeer),
  );
  if (redisUrl) figures.push(versus(`${PROCESSES} processes: DELIVERY=bullmq / peer`, two.map((r) => [r.bullmq, r.peer]), withPeer));
  return { results: { provider: db.provider, writes: withPeer ? writes : PG_ONLY, delivery: runs }, figures };
}
