import type { EmailOutbox } from '../db';
import type { OutboxDb } from './outbox-db';

type Claims = string | { startsWith: string };

/**
 * Claims one row for one delivery attempt, in one statement, if its claim
 * still matches `heldBy` (a token, or a filter such as every token of one
 * kind of sender) and it is waiting for its send or for a retry. A row that
 * a sender matching `busy` holds with a live lease is being sent right now
 * and is left alone. Counts the attempt and gives the new holder a lease, as
 * claimDueRows does for a batch; the lease also keeps relays off the row.
 */
export async function claimHeldRow(
  db: OutboxDb,
  id: number,
  o: { heldBy: Claims; busy?: Claims; token: string; leaseMs: number },
): Promise<EmailOutbox | null> {
  const now = new Date();
  const [row] = await db.emailOutbox.updateManyAndReturn({
    where: {
      id,
      lockedBy: o.heldBy,
      status: { in: ['pending', 'sending'] },
      ...(o.busy ? { NOT: { status: 'sending', lockedBy: o.busy, lockedUntil: { gt: now } } } : {}),
    },
    data: { status: 'sending', lockedBy: o.token, lockedUntil: new Date(now.getTime() + o.leaseMs), attempts: { increment: 1 } },
  });
  return row ?? null;
}
