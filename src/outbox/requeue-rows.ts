import type { OutboxDb } from './outbox-db';

/**
 * Puts failed or dead rows back in the queue, due now, with a fresh attempt
 * count. Their Message-ID stays, so a message that did arrive after all is
 * recognisable as the same one.
 */
export async function requeueRows(db: OutboxDb, which: { ids: number[] } | { allFailed: true }): Promise<number> {
  const where =
    'ids' in which
      ? { id: { in: which.ids }, status: { in: ['failed' as const, 'dead' as const] } }
      : { status: { in: ['failed' as const, 'dead' as const] } };
  const { count } = await db.emailOutbox.updateMany({
    where,
    data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
  });
  return count;
}

/** The most recent rows that failed or are waiting to retry, with the server's last reply. */
export function recentProblems(db: OutboxDb, limit = 10) {
  return db.emailOutbox.findMany({
    where: { lastError: { not: null }, status: { in: ['failed', 'dead', 'pending'] } },
    orderBy: { updatedAt: 'desc' },
    take: limit,
    select: { id: true, status: true, event: true, ticketId: true, recipientEmail: true, attempts: true, lastError: true, nextAttemptAt: true },
  });
}
