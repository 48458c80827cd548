import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { previewProps } from '../../emails/previews';
import { DIGEST_QUEUE, EMAIL_QUEUE, OVERDUE_QUEUE } from '../../src/bullmq/names';
import type { EmailPayload } from '../../src/notifications';
import { renderEmail } from '../../src/rendering';
import type { BenchDatabase } from '../support/bench-database';
import { benchConfig } from '../support/notifier-config';
import { clock, type SmtpSink } from '../support/smtp-sink';
import { deliveryRun, measurePipeline, NOT_YET, queueEmails, requeue, type DeliveryRun, type RowRange } from './delivery';
import { peerWorkerUtils, queuePeerJobs, startPeerRunner, type SendEmailJob } from './peer-graphile';
import type { WorkerKind, WorkerSettings } from './peer-worker-process';

const root = join(__dirname, '..', '..');
export const PROCESSES = 2;
// Emails each worker process sends before a measured run: a fresh process
// compiles its code on its first renders, and a long-running one has long
// done so.
const WARM_UP_PER_PROCESS = 50;

export interface PeerDeliveryRun {
  oneProcess: { project: DeliveryRun; peer: DeliveryRun | null };
  twoProcesses: { worker: DeliveryRun; bullmq: DeliveryRun | null; peer: DeliveryRun | null };
}

/** Worker processes of one kind, resolved once each says it takes work. */
async function startWorkers(kind: WorkerKind, settings: Omit<WorkerSettings, 'kind'>): Promise<ChildProcess[]> {
  const children = Array.from({ length: PROCESSES }, () =>
    fork(join(__dirname, 'peer-worker-process.ts'), [], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production', BENCH_WORKER: JSON.stringify({ kind, ...settings }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  try {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            child.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`${kind} worker: said ${String(m)}`))));
            child.once('exit', (code) => reject(new Error(`${kind} worker: exited (${code}) before it was ready`)));
          }),
      ),
    );
  } catch (error) {
    await stopWorkers(children);
    throw error;
  }
  for (const child of children) child.removeAllListeners('exit');
  return children;
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          if (child.connected) child.send('stop');
          else child.kill();
        }),
    ),
  );
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`peer: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sentIn = (db: BenchDatabase, rows: RowRange) => db.prisma.emailOutbox.count({ where: { id: { gte: rows.from, lte: rows.to }, status: 'sent' } });

/**
 * The project with two worker processes (DELIVERY=worker, or bullmq with the
 * Redis at `redisUrl`): warmed up on the warm-up rows, then timed from the
 * moment the measured rows are due to the last one accepted by the sink.
 */
async function projectProcesses(db: BenchDatabase, sink: SmtpSink, kind: 'worker' | 'bullmq', warm: RowRange, measured: RowRange, redisUrl?: string): Promise<DeliveryRun> {
  await requeue(db, { dueAt: NOT_YET });
  const prefix = `ticket-notifier-bench:${randomBytes(4).toString('hex')}`;
  const queues = redisUrl ? [EMAIL_QUEUE, OVERDUE_QUEUE, DIGEST_QUEUE].map((name) => new Queue(name, { connection: { url: redisUrl }, prefix })) : [];
  const workers = await startWorkers(kind, { databaseUrl: db.url, smtpPort: sink.port, redisUrl, prefix });
  try {
    // Each BullMQ worker holds a blocking connection on the email queue once it takes jobs.
    if (queues.length > 0) await until(async () => (await queues[0].getWorkersCount()) >= PROCESSES, 'the BullMQ workers');
    await sink.reset();
    await requeue(db, { rows: warm });
    await sink.waitFor(warm.to - warm.from + 1);
    await until(async () => (await sentIn(db, warm)) === warm.to - warm.from + 1, 'the warm-up rows to be marked sent');
    await sink.reset();
    await requeue(db, { rows: measured });
    const start = clock();
    return deliveryRun(start, await sink.waitFor(measured.to - measured.from + 1));
  } finally {
    await stopWorkers(workers);
    for (const queue of queues) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }
}

/** The peer with one runner in this process: timed from the moment its jobs exist to the last email accepted. */
async function peerOneProcess(db: BenchDatabase, sink: SmtpSink, jobs: SendEmailJob[]): Promise<DeliveryRun> {
  const config = benchConfig(db.url, sink.port);
  const runner = await startPeerRunner(db.url, { from: config.email.from, smtpPort: sink.port, render: { siteUrl: config.email.siteUrl, brand: config.brand } });
  const utils = await peerWorkerUtils(db.url);
  try {
    await sink.reset();
    await queuePeerJobs(utils, jobs);
    const start = clock();
    return deliveryRun(start, await sink.waitFor(jobs.length));
  } finally {
    await utils.release();
    await runner.stop();
  }
}

/** The peer with two runner processes (concurrency 5 each), warmed up first, timed as above. */
async function peerProcesses(db: BenchDatabase, sink: SmtpSink, warm: SendEmailJob[], jobs: SendEmailJob[]): Promise<DeliveryRun> {
  const workers = await startWorkers('graphile', { databaseUrl: db.url, smtpPort: sink.port });
  const utils = await peerWorkerUtils(db.url);
  try {
    await sink.reset();
    await queuePeerJobs(utils, warm);
    await sink.waitFor(warm.length);
    await until(async () => (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`)[0].n === 0, 'the warm-up jobs to complete');
    await sink.reset();
    await queuePeerJobs(utils, jobs);
    const start = clock();
    return deliveryRun(start, await sink.waitFor(jobs.length));
  } finally {
    await utils.release();
    await stopWorkers(workers);
  }
}

/**
 * Delivery, project against peer, `runs` times: in one process (the
 * project's drain() and one graphile-worker runner, both in this process),
 * then with two worker processes each (DELIVERY=worker, DELIVERY=bullmq when
 * Redis is there, two graphile-worker runners). The same emails for all:
 * the project's rows queued by its write path, and one peer job per row
 * with the row's payload. Which goes first alternates from run to run. The
 * peer's runs need PostgreSQL; on SQLite only the project's are measured.
 */
export async function measurePeerDelivery(
  db: BenchDatabase,
  sink: SmtpSink,
  o: { emails: number; runs: number; redisUrl: string | null; log: (s: string) => void },
): Promise<PeerDeliveryRun[]> {
  const withPeer = db.provider === 'postgresql';
  const warmUp = WARM_UP_PER_PROCESS * PROCESSES;
  o.log(`peer: queuing ${o.emails} emails (+ ${warmUp} to warm worker processes up)`);
  await queueEmails(db, o.emails + warmUp);
  const rows = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' }, select: { id: true, recipientName: true, recipientEmail: true, payload: true } });
  const warm: RowRange = { from: rows[0].id, to: rows[warmUp - 1].id };
  const measured: RowRange = { from: rows[warmUp].id, to: rows[rows.length - 1].id };
  const jobOf = (r: (typeof rows)[number]): SendEmailJob => ({ to: { name: r.recipientName, address: r.recipientEmail }, email: r.payload as unknown as EmailPayload });
  const warmJobs = rows.slice(0, warmUp).map(jobOf);
  const jobs = rows.slice(warmUp).map(jobOf);
  // Both render in this process in the one-process runs: whichever went first would load React Email for both.
  await renderEmail(previewProps().payload, { siteUrl: 'https://helpdesk.bench' });

  const runs: PeerDeliveryRun[] = [];
  for (let r = 1; r <= o.runs; r++) {
    // The peer's runs, before the project's in even runs and after them in odd ones.
    const peerFirst = r % 2 === 0;
    const peer = async (measure: () => Promise<DeliveryRun>, now: boolean) => (withPeer && now ? measure() : null);
    o.log(`peer: run ${r}/${o.runs}: one process, project ${withPeer ? 'and graphile-worker' : 'only (PostgreSQL for the peer)'}`);
    const onePeer = () => peerOneProcess(db, sink, jobs);
    const oneEarly = await peer(onePeer, peerFirst);
    const oneProject = await measurePipeline(db, sink, measured);
    const onePeerRun = oneEarly ?? (await peer(onePeer, !peerFirst));

    o.log(`peer: run ${r}/${o.runs}: ${PROCESSES} worker processes: DELIVERY=worker${o.redisUrl ? ', DELIVERY=bullmq' : ''}${withPeer ? ', graphile-worker' : ''}`);
    const twoPeer = () => peerProcesses(db, sink, warmJobs, jobs);
    const twoEarly = await peer(twoPeer, peerFirst);
    const worker = await projectProcesses(db, sink, 'worker', warm, measured);
    const bullmq = o.redisUrl ? await projectProcesses(db, sink, 'bullmq', warm, measured, o.redisUrl) : null;
    const twoPeerRun = twoEarly ?? (await peer(twoPeer, !peerFirst));
    runs.push({ oneProcess: { project: oneProject, peer: onePeerRun }, twoProcesses: { worker, bullmq, peer: twoPeerRun } });
  }
  return runs;
}
