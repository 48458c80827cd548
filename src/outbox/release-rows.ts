import type { OutboxDb } from './outbox-db';

/**
 * Gives claimed rows back, due as before, when they could not be handed on
 * (the BullMQ relay found Redis down). No send was tried, so the attempt count
 * is untouched. Only rows this claim still holds are released.
 */
export async function releaseRows(db: OutboxDb, ids: number[], token: string): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.emailOutbox.updateMany({
    where: { id: { in: ids }, lockedBy: token, status: 'sending' },
    data: { status: 'pending', lockedBy: null, lockedUntil: null },
  });
  return count;
}
