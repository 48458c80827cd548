import { inList, listParam, statement, type Provider } from '../db';
import type { OutboxDb, RawDb } from './outbox-db';

// Every outcome is written only while the writer still holds the row's claim,
// so a sender whose lease ran out cannot overwrite the next sender's result.
// Each is one statement, with no transaction around it: one UPDATE is atomic.

const MARK_SENT = statement(
  (db) => `
  UPDATE "EmailOutbox"
     SET "status" = 'sent', "sentAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ?
   WHERE "lockedBy" = ? AND ${inList(db, '"id"', 'int')}`,
);

/** Marks rows sent that the claim `token` still holds; resolves with how many it marked. */
export function markSentRows(db: RawDb, provider: Provider, ids: readonly number[], token: string, at = new Date()): Promise<number> {
  return db.$executeRawUnsafe(MARK_SENT[provider], at, new Date(), token, listParam(ids));
}

export async function markSent(db: RawDb, provider: Provider, id: number, token: string, at = new Date()): Promise<boolean> {
  return (await markSentRows(db, provider, [id], token, at)) === 1;
}

const MARK_DEAD = statement(
  () => `
  UPDATE "EmailOutbox"
     SET "status" = 'dead', "lastError" = ?, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ?
   WHERE "id" = ? AND "lockedBy" = ?`,
);

const MARK_WAITING = statement(
  () => `
  UPDATE "EmailOutbox"
     SET "status" = 'pending', "nextAttemptAt" = ?, "lastError" = ?, "lockedBy" = ?, "lockedUntil" = NULL, "updatedAt" = ?
   WHERE "id" = ? AND "lockedBy" = ?`,
);

/**
 * A temporary failure: try again at `retryAt`, or give up as dead when attempts are spent.
 * With `keepClaim` the waiting row stays marked with `token`: a BullMQ job, not
 * a poll, brings it back, and its worker recognises the row as still its own.
 */
export async function markRetry(
  db: RawDb,
  provider: Provider,
  id: number,
  token: string,
  error: string,
  retryAt: Date | null,
  keepClaim = false,
): Promise<boolean> {
  const now = new Date();
  const count =
    retryAt === null
      ? await db.$executeRawUnsafe(MARK_DEAD[provider], error, now, id, token)
      : await db.$executeRawUnsafe(MARK_WAITING[provider], retryAt, error, keepClaim ? token : null, now, id, token);
  return count === 1;
}

const MARK_FAILED = statement(
  () => `
  UPDATE "EmailOutbox"
     SET "status" = 'failed', "lastError" = ?, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ?
   WHERE "id" = ? AND "lockedBy" = ?`,
);

/** A permanent failure (the server refused the recipient, or the template broke): no retry. */
export async function markFailed(db: RawDb, provider: Provider, id: number, token: string, error: string): Promise<boolean> {
  return (await db.$executeRawUnsafe(MARK_FAILED[provider], error, new Date(), id, token)) === 1;
}

interface Waiting {
  id: number;
  token: string;
  sentAt: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// The longest a mark waits for others to join it, whatever the last statement took.
const MAX_HOLD_MS = 50;

/**
 * markSent for many concurrent sends, with group commit: marks that are
 * waiting together go out in one statement per claim, and each caller still
 * waits for its own row to be written, so no more rows are sent-but-unmarked
 * than sends in flight (what a crash can repeat), yet a busy sender pays one
 * commit for several emails instead of one each. As with markSent, a row is
 * marked only while the claim `token` still holds it.
 *
 * A mark that finds no statement running is held for as long as the last one
 * took (at most MAX_HOLD_MS), or until every one of the `senders()` that may
 * ask is waiting. On SQLite a commit holds up the whole process (journal file
 * and fsync, 8 to 20 ms here), so an extra one costs every sender that long:
 * waiting as long lets the others' marks join. On PostgreSQL a statement
 * takes about a millisecond, and marks that arrive meanwhile go out together
 * in the next one.
 */
export function groupedSentMarks(
  db: RawDb,
  provider: Provider,
  { senders = () => Number.POSITIVE_INFINITY }: { senders?: () => number } = {},
): (id: number, token: string) => Promise<void> {
  let waiting: Waiting[] = [];
  let writing = false;
  let hold: NodeJS.Timeout | null = null;
  let lastWriteMs = 0;

  const writeAll = async () => {
    if (hold) clearTimeout(hold);
    hold = null;
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const tokens = new Map<string, Waiting[]>();
      for (const w of batch) {
        const marks = tokens.get(w.token);
        if (marks) marks.push(w);
        else tokens.set(w.token, [w]);
      }
      const started = performance.now();
      for (const [token, marks] of tokens) {
        try {
          await markSentRows(db, provider, marks.map((m) => m.id), token, marks[marks.length - 1].sentAt);
          for (const m of marks) m.resolve();
        } catch (error) {
          for (const m of marks) m.reject(error);
        }
      }
      lastWriteMs = (performance.now() - started) / tokens.size;
    }
    writing = false;
  };

  return (id, token) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, token, sentAt: new Date(), resolve, reject });
      if (writing) return;
      if (waiting.length >= senders()) void writeAll();
      else hold ??= setTimeout(() => void writeAll(), Math.min(lastWriteMs, MAX_HOLD_MS));
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
