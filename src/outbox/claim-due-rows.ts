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
  opts: { token: string; limit: number; leaseMs: number; now?: Date },
): Promise<EmailOutbox[]> {
  const now = opts.now ?? new Date();
  const candidates = await db.emailOutbox.findMany({
    where: dueWhere(now),
    orderBy: { id: 'asc' },
    take: opts.limit,
    select: { id: true },
  });
  if (candidates.length === 0) return [];
  await db.emailOutbox.updateMany({
    where: { id: { in: candidates.map((c) => c.id) }, ...dueWhere(now) },
    data: {
      status: 'sending',
      lockedBy: opts.token,
      lockedUntil: new Date(now.getTime() + opts.leaseMs),
      attempts: { increment: 1 },
    },
  });
  return db.emailOutbox.findMany({ where: { lockedBy: opts.token, status: 'sending' }, orderBy: { id: 'asc' } });
}
