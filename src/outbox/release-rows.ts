import type { OutboxDb } from './outbox-db';

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
