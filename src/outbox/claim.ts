import { inList, listParam, statement, type EmailOutbox, type Provider } from '../db';
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

// The set of rows a claim takes, in one statement, which marks them and returns them.
// PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent senders take disjoint rows
// without waiting on each other. SQLite: a writing statement holds the
// database's one write lock from its start, so the rows it picks are still due
// when it marks them, and of two senders racing for a row only one gets it.
const CLAIM_DUE = statement(
  (db) => `
  UPDATE "EmailOutbox"
     SET "status" = 'sending', "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + ?, "updatedAt" = ?
   WHERE "id" IN (
     SELECT "id" FROM "EmailOutbox"
      WHERE ("status" = 'pending' AND "nextAttemptAt" <= ?)
         OR ("status" = 'sending' AND "lockedUntil" < ?)
      ORDER BY "id"
      LIMIT ?${db === 'postgresql' ? '\n      FOR UPDATE SKIP LOCKED' : ''})
  RETURNING *`,
);

/**
 * Claims up to `limit` due rows for one sender, with a lease: a sender that
 * dies leaves its rows to be claimed again once the lease runs out. The
 * claim token, unique per claim, tells the sender exactly which rows it holds.
 * The rows come back in id order.
 */
export async function claimDueRows(db: RawDb, o: ClaimOptions): Promise<EmailOutbox[]> {
  const now = new Date();
  const dueBy = o.dueBy && o.dueBy < now ? o.dueBy : now;
  const lockedUntil = new Date(now.getTime() + o.leaseMs);
  const rows = await db.$queryRawUnsafe<EmailOutbox[]>(
    CLAIM_DUE[o.provider],
    o.token,
    lockedUntil,
    o.countAttempt === false ? 0 : 1,
    now,
    dueBy,
    dueBy,
    o.limit,
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** `"lockedBy" LIKE 'prefix%'`, the prefix taken literally. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const CLAIM_HELD = statement(
  (db) => `
  UPDATE "EmailOutbox"
     SET "status" = 'sending', "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
   WHERE ${inList(db, '"id"', 'int')}
     AND "lockedBy" LIKE ? ESCAPE '\\'
     AND "status" IN ('pending', 'sending')
     AND NOT ("status" = 'sending' AND "lockedBy" LIKE ? ESCAPE '\\' AND "lockedUntil" IS NOT NULL AND "lockedUntil" > ?)
  RETURNING *`,
);

/**
 * Claims rows for one delivery attempt each, in one statement: those a claim
 * whose token starts with `heldBy` still holds (every token of one kind of
 * sender) and that wait for their send or for a retry. A row that a sender
 * whose token starts with `busy` holds with a live lease is being sent right
 * now and is left alone. Counts the attempt and gives the new holder a lease,
 * as claimDueRows does; the lease also keeps relays off the rows. Resolves
 * with the rows it claimed, in id order.
 */
export async function claimHeldRows(
  db: RawDb,
  provider: Provider,
  ids: readonly number[],
  o: { heldBy: string; busy: string; token: string; leaseMs: number },
): Promise<EmailOutbox[]> {
  const now = new Date();
  const lockedUntil = new Date(now.getTime() + o.leaseMs);
  const rows = await db.$queryRawUnsafe<EmailOutbox[]>(CLAIM_HELD[provider], o.token, lockedUntil, now, listParam(ids), likePrefix(o.heldBy), likePrefix(o.busy), now);
  return rows.sort((a, b) => a.id - b.id);
}

const RENEW_LEASE = statement(
  () => `UPDATE "EmailOutbox" SET "lockedUntil" = ?, "updatedAt" = ? WHERE "id" = ? AND "lockedBy" = ? AND "status" = 'sending'`,
);

/**
 * Extends the lease on a row its sender still holds, while a send takes
 * long: the lease then means "held by a live sender", and a relay or a
 * second run of the same job does not take a row that is being sent.
 */
export async function renewLease(db: RawDb, provider: Provider, id: number, token: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  return (await db.$executeRawUnsafe(RENEW_LEASE[provider], new Date(now.getTime() + leaseMs), now, id, token)) === 1;
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
