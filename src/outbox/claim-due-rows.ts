import type { EmailOutbox } from '../db';
import type { OutboxDb } from './outbox-db';
import { dueWhere } from './due-where';

/**
 * Claims up to `limit` due rows for one sender. The UPDATE re-checks that each
 * row is still due, so when two senders race for a row only one claim matches;
 * the unique claim token then tells each sender exactly which rows it holds.
 */
export async function claimDueRows(
  db: OutboxDb,
  opts: { token: string; limit: number; leaseMs: number; dueBy?: Date },
): Promise<EmailOutbox[]> {
  const now = new Date();
  // A drain takes only rows due when it began, so a row it reschedules is not retried within the same drain.
  const dueBy = opts.dueBy && opts.dueBy < now ? opts.dueBy : now;
  const candidates = await db.emailOutbox.findMany({
    where: dueWhere(dueBy),
    orderBy: { id: 'asc' },
    take: opts.limit,
    select: { id: true },
  });
  if (candidates.length === 0) return [];
  await db.emailOutbox.updateMany({
    where: { id: { in: candidates.map((c) => c.id) }, ...dueWhere(dueBy) },
    data: {
      status: 'sending',
      lockedBy: opts.token,
      lockedUntil: new Date(now.getTime() + opts.leaseMs),
      attempts: { increment: 1 },
    },
  });
  return db.emailOutbox.findMany({ where: { lockedBy: opts.token, status: 'sending' }, orderBy: { id: 'asc' } });
}
