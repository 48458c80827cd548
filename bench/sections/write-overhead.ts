import { createTicketNotifier } from '../../src';
import type { BenchDatabase } from '../support/bench-database';
import { seedPeople, seedTickets } from '../support/fixtures';
import { benchConfig } from '../support/notifier-config';
import { loggedPrismaClient, statementsOf } from '../support/statement-log';
import { median, percentile } from '../support/stats';

export interface RoundTrips {
  /** Statements one write sent, the median over the counted writes. */
  bare: number;
  notifying: number;
  writes: number;
  /** The statements of the last counted write of each client, each cut to its first 60 characters. */
  bareStatements: string[];
  notifyingStatements: string[];
}

export interface WriteOverhead {
  writes: number;
  bareMedianMs: number;
  notifyingMedianMs: number;
  bareP95Ms: number;
  notifyingP95Ms: number;
  /** Notifying median over bare median. */
  ratio: number;
  outboxRowsPerWrite: number;
  roundTrips: RoundTrips;
}

type To = 'in_progress' | 'pending';

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const shown = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 60);

/**
 * Status changes through the bare client and through the notifying client,
 * interleaved write by write on the same database so both see the same
 * cache, disk and neighbours. Each notifying write queues its emails. Then
 * the statements a write sends, counted on clients of their own so the
 * timed writes run exactly as an app's would.
 */
export async function measureWriteOverhead(db: BenchDatabase, writes: number): Promise<WriteOverhead> {
  await db.reset();
  const people = await seedPeople(db.prisma);
  // Two tickets per step: one for each client, so neither finds the other's change.
  await seedTickets(db.prisma, people, writes * 2);
  const ids = (await db.prisma.ticket.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id);
  const notifier = createTicketNotifier({ prisma: db.prisma, config: benchConfig(db.url) });
  const bare: number[] = [];
  const notifying: number[] = [];
  let timed: Omit<WriteOverhead, 'roundTrips'>;
  try {
    const warmup = Math.min(100, writes);
    // The warm-up moves its tickets to in_progress and the measured writes move every ticket to
    // pending, so each measured write is a real change that queues emails.
    for (let step = 0; step < writes + warmup; step++) {
      const i = step % writes;
      const to: To = step < warmup ? 'in_progress' : 'pending';
      const b = await time(() => db.prisma.ticket.update({ where: { id: ids[2 * i] }, data: { status: to } }));
      const n = await time(() => notifier.client.ticket.update({ where: { id: ids[2 * i + 1] }, data: { status: to } }));
      if (step >= warmup) {
        bare.push(b);
        notifying.push(n);
      }
    }
    await notifier.planChanges();
    const rows = await db.prisma.emailOutbox.count();
    timed = {
      writes,
      bareMedianMs: median(bare),
      notifyingMedianMs: median(notifying),
      bareP95Ms: percentile(bare, 95),
      notifyingP95Ms: percentile(notifying, 95),
      ratio: median(notifying) / median(bare),
      outboxRowsPerWrite: rows / (writes + warmup),
    };
  } finally {
    await notifier.close();
  }
  return { ...timed, roundTrips: await countRoundTrips(db, ids, Math.max(1, Math.min(20, writes - 1))) };
}

/**
 * `count` writes of each kind, after one of each that is not counted: a
 * process's first notifying write also reads the installation's key, once.
 * Every ticket is pending after the timed writes; these move them on.
 */
async function countRoundTrips(db: BenchDatabase, ids: number[], count: number): Promise<RoundTrips> {
  const logged = loggedPrismaClient(db.url);
  const notifier = createTicketNotifier({ prisma: logged.prisma, config: benchConfig(db.url) });
  const bare: string[][] = [];
  const notifying: string[][] = [];
  try {
    for (let step = 0; step <= count; step++) {
      const i = step % (ids.length / 2);
      const b = await statementsOf(logged, () => logged.prisma.ticket.update({ where: { id: ids[2 * i] }, data: { status: 'in_progress' } }));
      const n = await statementsOf(logged, () => notifier.client.ticket.update({ where: { id: ids[2 * i + 1] }, data: { status: 'in_progress' } }));
      if (step > 0) {
        bare.push(b);
        notifying.push(n);
      }
    }
  } finally {
    await notifier.close();
    await logged.prisma.$disconnect();
    await logged.close();
  }
  return {
    bare: median(bare.map((s) => s.length)),
    notifying: median(notifying.map((s) => s.length)),
    writes: count,
    bareStatements: bare[bare.length - 1].map(shown),
    notifyingStatements: notifying[notifying.length - 1].map(shown),
  };
}
