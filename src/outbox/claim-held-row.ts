import type { EmailOutbox } from '../db';
import type { OutboxDb } from './outbox-db';

/**
 * Claims one row for one delivery attempt, in one statement, if its claim
 * still matches `heldBy` (a token, or a filter such as every token of one
 * kind of sender) and it is waiting for its send or for a retry. Counts the
 * attempt and gives the new holder a lease, as claimDueRows does for a
 * batch; the lease also keeps relays from claiming the row meanwhile.
 */
export async function claimHeldRow(
  db: OutboxDb,
  id: number,
  o: { heldBy: string | { startsWith: string }; token: string; leaseMs: number },
): Promise<EmailOutbox | null> {
  const [row] = await db.emailOutbox.updateManyAndReturn({
    where: { id, lockedBy: o.heldBy, status: { in: ['pending', 'sending'] } },
    data: { status: 'sending', lockedBy: o.token, lockedUntil: new Date(Date.now() + o.leaseMs), attempts: { increment: 1 } },
  });
  return row ?? null;
}
