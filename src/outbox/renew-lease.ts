import type { OutboxDb } from './outbox-db';

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
