import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchDatabase } from '../support/bench-database';
import { seedPeople, seedTickets } from '../support/fixtures';

const run = promisify(execFile);

type Mode = 'bare' | 'notifying';

export interface BulkCall {
  seconds: number;
  changed: number;
  /** Statements the call sent to the database. */
  statements: number;
  /** Outbox rows the call's write queued, once planned after the commit. */
  queued: number;
  /** Seconds planning those rows took after the call returned (0 for bare Prisma). */
  planSeconds: number;
  /** The process's peak RSS once planning is done too. */
  peakRssPlannedMb: number;
  /** RSS of the process just before the call: the runtime, the modules and the client. */
  rssBeforeMb: number;
  /** The process's peak RSS before the call (loading can peak above where it settles) and at its end. */
  peakRssBeforeMb: number;
  peakRssMb: number;
}

export interface BulkUpdate {
  tickets: number;
  bare: BulkCall;
  notifying: BulkCall;
  /** Notifying seconds over bare seconds. */
  ratio: number;
}

async function bulkCall(url: string, mode: Mode, warm: number, lo: number, hi: number): Promise<BulkCall> {
  const { stdout } = await run(process.execPath, [...(process.env.BENCH_CHILD_ARGS ? process.env.BENCH_CHILD_ARGS.split(' ') : []), '--import', 'tsx', join(__dirname, '..', 'support', 'bulk-child.ts'), mode, String(warm), String(lo), String(hi)], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as BulkCall;
}

/**
 * One `ticket.updateMany` that moves `tickets` open tickets to in_progress,
 * through bare Prisma and through the notifying client, each in a fresh
 * process of its own (its peak RSS is then that call's). Each has its own
 * half of the tickets in one database; `bareFirst` says which runs first,
 * so runs can take turns.
 */
export async function measureBulkUpdate(db: BenchDatabase, tickets: number, bareFirst: boolean): Promise<BulkUpdate> {
  await db.reset();
  const people = await seedPeople(db.prisma);
  // A warm-up ticket for each, then each one's range.
  await seedTickets(db.prisma, people, 2 * tickets + 2);
  const ids = (await db.prisma.ticket.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id);
  const calls: Record<Mode, () => Promise<BulkCall>> = {
    bare: () => bulkCall(db.url, 'bare', ids[0], ids[2], ids[tickets + 1]),
    notifying: () => bulkCall(db.url, 'notifying', ids[1], ids[tickets + 2], ids[2 * tickets + 1]),
  };
  const order: Mode[] = bareFirst ? ['bare', 'notifying'] : ['notifying', 'bare'];
  const result = {} as Record<Mode, BulkCall>;
  for (const mode of order) result[mode] = await calls[mode]();
  for (const mode of order) {
    if (result[mode].changed !== tickets) throw new Error(`bulk: the ${mode} call changed ${result[mode].changed} tickets, not ${tickets}`);
  }
  return {
    tickets,
    bare: result.bare,
    notifying: result.notifying,
    ratio: result.notifying.seconds / result.bare.seconds,
  };
}
