import type { OutboxDb } from './outbox-db';

// Every outcome is written only while the writer still holds the row's claim,
// so a sender whose lease ran out cannot overwrite the next sender's result.

export async function markSent(db: OutboxDb, id: number, token: string, at = new Date()): Promise<boolean> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id, lockedBy: token },
    data: { status: 'sent', sentAt: at, lockedBy: null, lockedUntil: null, lastError: null },
  });
  return count === 1;
}

/**
 * A temporary failure: try again at `retryAt`, or give up as dead when attempts are spent.
 * With `keepClaim` the waiting row stays marked with `token`: a BullMQ job, not
 * a poll, brings it back, and its worker recognises the row as still its own.
 */
export async function markRetry(
  db: OutboxDb,
  id: number,
  token: string,
  error: string,
  retryAt: Date | null,
  keepClaim = false,
): Promise<boolean> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id, lockedBy: token },
    data:
      retryAt === null
        ? { status: 'dead', lastError: error, lockedBy: null, lockedUntil: null }
        : { status: 'pending', nextAttemptAt: retryAt, lastError: error, lockedBy: keepClaim ? token : null, lockedUntil: null },
  });
  return count === 1;
}

/** A permanent failure (the server refused the recipient, or the template broke): no retry. */
export async function markFailed(db: OutboxDb, id: number, token: string, error: string): Promise<boolean> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id, lockedBy: token },
    data: { status: 'failed', lastError: error, lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}
