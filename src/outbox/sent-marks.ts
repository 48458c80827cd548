import type { OutboxDb } from './outbox-db';

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
