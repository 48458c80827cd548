import type { EmailOutbox, Provider } from '../db';
import type { OutboxDb, RawDb } from './outbox-db';

// Taking rows to send: a claim marks rows with the sender's token and a
// lease; the holder renews the lease while a send takes long, or gives the
// rows back when it cannot send them.

/** Rows a sender may take at `now`. */
const dueWhere = (now: Date) => ({
  OR: [
    { status: 'pending' as const, nextAttemptAt: { lte: now } },
    // A sender that died mid-send leaves rows `sending`; when its lease runs out they are due again.
    { status: 'sending' as const, lockedUntil: { lt: now } },
  ],
});

/** Rows a sender could take now; drain() waits for this to reach zero. */
export function countDue(db: OutboxDb, now = new Date()): Promise<number> {
  return db.emailOutbox.count({ where: dueWhere(now) });
}

export interface ClaimOptions {
  token: string;
  limit: number;
  leaseMs: number;
  /** A drain takes only rows due when it began, so a row it reschedules is not retried within the same drain. */
  dueBy?: Date;
  provider: Provider;
  /**
   * Count the claim as a delivery attempt (default). The BullMQ relay claims
   * rows only to hand them to a queue, and its worker counts the attempt when
   * it sends, so `attempts` stays the number of sends tried.
   */
  countAttempt?: boolean;
}

/**
 * PostgreSQL: one statement picks due rows with FOR UPDATE SKIP LOCKED, so
 * concurrent senders take disjoint rows without waiting on each other.
 */
async function claimOnPostgres(db: RawDb, o: ClaimOptions, dueBy: Date, lockedUntil: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "EmailOutbox"
       SET "status" = 'sending', "lockedBy" = ${o.token}, "lockedUntil" = ${lockedUntil},
           "attempts" = "attempts" + ${o.countAttempt === false ? 0 : 1}, "updatedAt" = ${new Date()}
     WHERE "id" IN (
       SELECT "id" FROM "EmailOutbox"
        WHERE ("status" = 'pending' AND "nextAttemptAt" <= ${dueBy})
           OR ("status" = 'sending' AND "lockedUntil" < ${dueBy})
        ORDER BY "id"
        LIMIT ${o.limit}
        FOR UPDATE SKIP LOCKED)`;
}

/**
 * SQLite has one writer at a time, so the UPDATE that re-checks each row is
 * still due is atomic: when two senders race for a row only one claim matches.
 */
async function claimOnSqlite(db: OutboxDb, o: ClaimOptions, dueBy: Date, lockedUntil: Date): Promise<void> {
  const candidates = await db.emailOutbox.findMany({ where: dueWhere(dueBy), orderBy: { id: 'asc' }, take: o.limit, select: { id: true } });
  if (candidates.length === 0) return;
  await db.emailOutbox.updateMany({
    where: { id: { in: candidates.map((c) => c.id) }, ...dueWhere(dueBy) },
    data: { status: 'sending', lockedBy: o.token, lockedUntil, attempts: { increment: o.countAttempt === false ? 0 : 1 } },
  });
}

/**
 * Claims up to `limit` due rows for one sender, with a lease: a sender that
 * dies leaves its rows to be claimed again once the lease runs out. The
 * claim token, unique per claim, tells the sender exactly which rows it holds.
 */
export async function claimDueRows(db: OutboxDb & RawDb, o: ClaimOptions): Promise<EmailOutbox[]> {
  const now = new Date();
  const dueBy = o.dueBy && o.dueBy < now ? o.dueBy : now;
  const lockedUntil = new Date(now.getTime() + o.leaseMs);
  if (o.provider === 'postgresql') await claimOnPostgres(db, o, dueBy, lockedUntil);
  else await claimOnSqlite(db, o, dueBy, lockedUntil);
  return db.emailOutbox.findMany({ where: { lockedBy: o.token, status: 'sending' }, orderBy: { id: 'asc' } });
}

type Claims = string | { startsWith: string };

/**
 * Claims one row for one delivery attempt, in one statement, if its claim
 * still matches `heldBy` (a token, or a filter such as every token of one
 * kind of sender) and it is waiting for its send or for a retry. A row that
 * a sender matching `busy` holds with a live lease is being sent right now
 * and is left alone. Counts the attempt and gives the new holder a lease, as
 * claimDueRows does for a batch; the lease also keeps relays off the row.
 */
export async function claimHeldRow(
  db: OutboxDb,
  id: number,
  o: { heldBy: Claims; busy?: Claims; token: string; leaseMs: number },
): Promise<EmailOutbox | null> {
  const now = new Date();
  const [row] = await db.emailOutbox.updateManyAndReturn({
    where: {
      id,
      lockedBy: o.heldBy,
      status: { in: ['pending', 'sending'] },
      ...(o.busy ? { NOT: { status: 'sending', lockedBy: o.busy, lockedUntil: { gt: now } } } : {}),
    },
    data: { status: 'sending', lockedBy: o.token, lockedUntil: new Date(now.getTime() + o.leaseMs), attempts: { increment: 1 } },
  });
  return row ?? null;
}

/**
 * Extends the lease on a row its sender still holds, while a send takes
 * long: the lease then means "held by a live sender", and a relay or a
 * second run of the same job does not take a row that is being sent.
 */
export async function renewLease(db: OutboxDb, id: number, token: string, leaseMs: number): Promise<boolean> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id, lockedBy: token, status: 'sending' },
    data: { lockedUntil: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}

/**
 * Gives claimed rows back, due as before, when they could not be handed on:
 * the BullMQ relay found Redis down (its claim counted no attempt), or a
 * sender shutting down gave up on them (`attemptCounted`: its claim counted
 * one, which is taken back, since the server never had its say). Only rows
 * this claim still holds are released: one whose send finished meanwhile
 * keeps its outcome.
 */
export async function releaseRows(db: OutboxDb, ids: number[], token: string, options: { attemptCounted?: boolean } = {}): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.emailOutbox.updateMany({
    where: { id: { in: ids }, lockedBy: token, status: 'sending' },
    data: { status: 'pending', lockedBy: null, lockedUntil: null, ...(options.attemptCounted ? { attempts: { decrement: 1 } } : {}) },
  });
  return count;
}
