import type { EmailOutbox } from '../db';
import type { OutboxDb } from './outbox-db';

/**
 * Claims one row for one delivery attempt, if it is still marked `heldBy`
 * (waiting for its send or for a retry): a compare-and-set, so when two
 * claimers read the same mark only one wins. Counts the attempt and gives the
 * new holder a lease, as claimDueRows does for a batch.
 */
export async function claimHeldRow(
  db: OutboxDb,
  id: number,
  o: { heldBy: string; token: string; leaseMs: number },
): Promise<EmailOutbox | null> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id, lockedBy: o.heldBy, status: { in: ['pending', 'sending'] } },
    data: { status: 'sending', lockedBy: o.token, lockedUntil: new Date(Date.now() + o.leaseMs), attempts: { increment: 1 } },
  });
  if (count === 0) return null;
  return db.emailOutbox.findFirst({ where: { id, lockedBy: o.token } });
}
