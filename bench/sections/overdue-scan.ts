import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchDatabase } from '../support/bench-database';
import { seedPeople, seedTickets } from '../support/fixtures';

const run = promisify(execFile);
const DAY = 86_400_000;

export interface OverdueScan {
  tickets: number;
  overdue: number;
  seconds: number;
  /** RSS of the process before any work, with its modules loaded. */
  startRssMb: number;
  peakRssMb: number;
  /** The same run again (its emails removed first) with CAPPED_HEAP. */
  cappedPeakRssMb: number;
  queued: number;
  /** Emails a second run the same day queued: must be 0. */
  secondRunQueued: number;
  secondRunSeconds: number;
}

interface ChildRun {
  seconds: number;
  startRssMb: number;
  peakRssMb: number;
  tickets: number;
  queued: number;
}

/** A heap limit an operator can give a memory-constrained cron host (see README, "Scheduling"). */
export const CAPPED_HEAP = '--max-old-space-size=96';

async function overdueRun(url: string, nodeFlags: string[] = []): Promise<ChildRun> {
  const { stdout } = await run(process.execPath, [...nodeFlags, '--import', 'tsx', join(__dirname, '..', 'support', 'overdue-child.ts')], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as ChildRun;
}

/**
 * `tickets` open tickets, one in five past its due date: time and peak
 * memory of the overdue run that queues their emails, then of a second run
 * the same day, which must queue nothing.
 */
export async function measureOverdueScan(db: BenchDatabase, tickets: number, log: (s: string) => void): Promise<OverdueScan> {
  await db.reset();
  const people = await seedPeople(db.prisma, 50, 2000);
  const now = Date.now();
  await seedTickets(
    db.prisma,
    people,
    tickets,
    (i) => ({ dueDate: i % 5 === 0 ? new Date(now - (1 + (i % 9)) * DAY) : i % 5 === 1 ? null : new Date(now + (1 + (i % 9)) * DAY) }),
    (done) => log(`seeded ${done}/${tickets} tickets`),
  );
  const first = await overdueRun(db.url);
  const second = await overdueRun(db.url);
  await db.prisma.emailOutbox.deleteMany();
  const capped = await overdueRun(db.url, [CAPPED_HEAP]);
  return {
    tickets,
    overdue: first.tickets,
    seconds: first.seconds,
    startRssMb: first.startRssMb,
    peakRssMb: first.peakRssMb,
    cappedPeakRssMb: capped.peakRssMb,
    queued: first.queued,
    secondRunQueued: second.queued,
    secondRunSeconds: second.seconds,
  };
}
