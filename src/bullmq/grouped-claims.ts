import { bouncingReasons } from '../bounces';
import type { EmailOutbox, Provider } from '../db';
import { claimHeldRows, type RawDb } from '../outbox';

/** A job's row, claimed for its send, with the bouncing addresses of the rows claimed with it. */
export interface ClaimedRow {
  row: EmailOutbox;
  bouncing: ReadonlyMap<string, string>;
}

interface Waiting {
  id: number;
  resolve: (claimed: ClaimedRow | null) => void;
  reject: (error: unknown) => void;
}

/**
 * claimHeldRows for the jobs of one worker, as they start: jobs that start
 * in the same turn of the event loop (BullMQ hands a worker the next job as
 * it finishes one, and a group of sent marks finishes several at once), or
 * while a claim is being written, are claimed together, and their addresses
 * are looked up for bounces together: two statements for the group, where
 * each job alone would take two of its own. Each job gets its row, or null
 * when the row is not waiting for BullMQ.
 */
export function groupedClaims(
  db: RawDb,
  provider: Provider,
  o: { heldBy: string; busy: string; token: string; leaseMs: number },
): (id: number) => Promise<ClaimedRow | null> {
  let waiting: Waiting[] = [];
  let writing = false;

  const claimAll = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        const rows = new Map((await claimHeldRows(db, provider, [...new Set(group.map((w) => w.id))], o)).map((row) => [row.id, row]));
        // Looked up after the claim, as a lone sender does: a bounce recorded before the claim stops the send.
        const bouncing = await bouncingReasons(db, provider, [...rows.values()].map((r) => r.recipientEmail));
        for (const w of group) {
          const row = rows.get(w.id);
          // The same id twice (BullMQ runs a job once at a time): the first takes the row.
          rows.delete(w.id);
          w.resolve(row ? { row, bouncing } : null);
        }
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    writing = false;
  };

  return (id) =>
    new Promise((resolve, reject) => {
      waiting.push({ id, resolve, reject });
      if (writing) return;
      writing = true;
      setImmediate(() => void claimAll());
    });
}
