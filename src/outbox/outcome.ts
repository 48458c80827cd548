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

interface Waiting {
  id: number;
  token: string;
  sentAt: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * markSent for many concurrent sends, with group commit: the first mark is
 * written at once, and marks that arrive while it is being written go out
 * together in the next statement. Each caller still waits for its own row to
 * be written, so no more rows are sent-but-unmarked than sends in flight
 * (what a crash can repeat), yet a busy sender pays one commit for several
 * emails instead of one each. As with markSent, a row is marked only while
 * the claim `token` still holds it.
 */
export function groupedSentMarks(db: OutboxDb): (id: number, token: string) => Promise<void> {
  let waiting: Waiting[] = [];
  let writing = false;

  const writeAll = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const tokens = new Map<string, Waiting[]>();
      for (const w of batch) tokens.set(w.token, [...(tokens.get(w.token) ?? []), w]);
      for (const [token, marks] of tokens) {
        try {
          await db.emailOutbox.updateMany({
            where: { id: { in: marks.map((m) => m.id) }, lockedBy: token },
            data: { status: 'sent', sentAt: marks[marks.length - 1].sentAt, lockedBy: null, lockedUntil: null, lastError: null },
          });
          for (const m of marks) m.resolve();
        } catch (error) {
          for (const m of marks) m.reject(error);
        }
      }
    }
    writing = false;
  };

  return (id, token) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, token, sentAt: new Date(), resolve, reject });
      if (!writing) void writeAll();
    });
}

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

export type OutboxCounts = Record<'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'held' | 'digested', number>;

export async function countByStatus(db: OutboxDb): Promise<OutboxCounts> {
  const groups = await db.emailOutbox.groupBy({ by: ['status'], _count: { _all: true } });
  const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0, held: 0, digested: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}
