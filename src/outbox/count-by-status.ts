import type { OutboxDb } from './outbox-db';
import { dueWhere } from './due-where';

export type OutboxCounts = Record<'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'held' | 'digested', number>;

export async function countByStatus(db: OutboxDb): Promise<OutboxCounts> {
  const groups = await db.emailOutbox.groupBy({ by: ['status'], _count: { _all: true } });
  const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0, held: 0, digested: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

/** Rows a sender could take now; drain() waits for this to reach zero. */
export function countDue(db: OutboxDb, now = new Date()): Promise<number> {
  return db.emailOutbox.count({ where: dueWhere(now) });
}
