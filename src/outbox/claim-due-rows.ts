import type { EmailOutbox } from '../db';
import type { OutboxDb } from './outbox-db';
import { dueWhere } from './due-where';

export interface ClaimOptions {
  token: string;
  limit: number;
  leaseMs: number;
  /** A drain takes only rows due when it began, so a row it reschedules is not retried within the same drain. */
  dueBy?: Date;
  provider: 'sqlite' | 'postgresql';
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
async function claimOnPostgres(db: any, o: ClaimOptions, dueBy: Date, lockedUntil: Date): Promise<void> {
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
export async function claimDueRows(db: OutboxDb, o: ClaimOptions): Promise<EmailOutbox[]> {
  const now = new Date();
  const dueBy = o.dueBy && o.dueBy < now ? o.dueBy : now;
  const lockedUntil = new Date(now.getTime() + o.leaseMs);
  if (o.provider === 'postgresql') await claimOnPostgres(db, o, dueBy, lockedUntil);
  else await claimOnSqlite(db, o, dueBy, lockedUntil);
  return db.emailOutbox.findMany({ where: { lockedBy: o.token, status: 'sending' }, orderBy: { id: 'asc' } });
}
