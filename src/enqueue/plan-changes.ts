import type { TransactionClient } from '../db';
import { countChanges, hasChanges, setChangeAside, takeChanges, type ChangeEvent } from '../events';
import { planOutboxRows, type EnqueueOptions, type NotifierDb } from './plan-outbox-rows';
import { writePlan } from './write-plan';

// Recorded writes planned per transaction: enough to share the round trips of a
// busy moment, few enough that one transaction stays short.
const CHANGES_PER_ROUND = 50;
// A large batch write is one event with many tickets: planning it may take a while.
const ROUND_OPTIONS = { timeout: 600_000, maxWait: 60_000 };

async function planOne(db: NotifierDb, change: ChangeEvent, options: EnqueueOptions): Promise<number> {
  if (change.unreadable) throw new Error(`the recorded write cannot be read: ${change.unreadable}`);
  const plan = await planOutboxRows(db, change.items, change.actor, (ticketId) => `${change.writeKey}:${String(ticketId)}`, options);
  return writePlan(db, plan, options.provider);
}

/** One transaction: take up to `limit` recorded writes, write their rows, delete them. */
function planRound(client: TransactionClient, limit: number, options: EnqueueOptions, taken: ChangeEvent[]): Promise<number> {
  return client.$transaction(async (tx) => {
    const db = tx as NotifierDb;
    taken.splice(0, taken.length, ...(await takeChanges(db, limit, options.provider)));
    let rows = 0;
    for (const change of taken) rows += await planOne(db, change, options);
    return rows;
  }, ROUND_OPTIONS);
}

/**
 * Turns recorded writes into outbox rows, oldest first, until none are left:
 * each round takes some, plans them (recipients, switches, preferences,
 * bounces, brands, payload snapshots) and writes their rows and skips, in
 * one transaction that also deletes them. So each write is planned once, and
 * a planner that dies mid-round leaves its writes to the next. Returns the
 * outbox rows written.
 *
 * A round that fails is rolled back and its writes planned one at a time; one
 * that fails alone for a reason of its own (not the database's) is set aside
 * with its error, and logged, so one bad write cannot hold up everyone's email.
 */
export async function planChanges(client: TransactionClient, options: EnqueueOptions): Promise<number> {
  // Most rounds of a sender find nothing to plan: they pay one read, not a transaction that takes SQLite's write lock.
  if (!(await hasChanges(client as unknown as NotifierDb))) return 0;
  let written = 0;
  for (;;) {
    const taken: ChangeEvent[] = [];
    try {
      written += await planRound(client, CHANGES_PER_ROUND, options, taken);
      if (taken.length < CHANGES_PER_ROUND) return written;
    } catch (error) {
      if (taken.length === 0) throw error;
      written += await planSingly(client, taken.length, options);
    }
  }
}

const fromDatabase = (error: unknown) => /^PrismaClient|^DriverAdapterError/.test((error as { name?: string } | null)?.name ?? '');

async function planSingly(client: TransactionClient, count: number, options: EnqueueOptions): Promise<number> {
  let written = 0;
  for (let i = 0; i < count; i++) {
    const taken: ChangeEvent[] = [];
    try {
      written += await planRound(client, 1, options, taken);
      if (taken.length === 0) return written;
    } catch (error) {
      const change = taken[0];
      // The database failing is no fault of the write's: it waits for the next round.
      if (!change || fromDatabase(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      options.logger.error({ changeEvent: change.id, err: message }, 'a recorded write could not be planned: set aside, its emails not queued');
      await client.$transaction((tx) => setChangeAside(tx as NotifierDb, change.id, message, options.provider));
    }
  }
  return written;
}

/** Recorded writes still to plan, and those set aside. */
export const changesToPlan = (db: NotifierDb) => countChanges(db);

/**
 * planChanges for one process's senders, one run at a time: a call while a
 * run is in hand waits for one more run after it (writes recorded meanwhile
 * may have missed the first), and the calls that come in while that one waits
 * share it.
 */
export function changePlanner(client: TransactionClient, options: EnqueueOptions): () => Promise<number> {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting: Promise<number> | null = null;
  return () => {
    if (waiting) return waiting;
    const run = tail.then(() => {
      waiting = null;
      return planChanges(client, options);
    });
    waiting = run;
    tail = run.catch(() => undefined);
    return run;
  };
}
