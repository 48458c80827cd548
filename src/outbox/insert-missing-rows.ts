import type { OutboxDb } from './outbox-db';
import type { NewOutboxRow } from './new-outbox-row';

/**
 * Writes only rows whose idempotency key is new, for runs that may repeat
 * (the overdue scan). Returns the rows written.
 */
export async function insertMissingRows(db: OutboxDb, rows: NewOutboxRow[]): Promise<NewOutboxRow[]> {
  if (rows.length === 0) return [];
  const existing = await db.emailOutbox.findMany({
    where: { idempotencyKey: { in: rows.map((r) => r.idempotencyKey) } },
    select: { idempotencyKey: true },
  });
  const seen = new Set(existing.map((r) => r.idempotencyKey));
  const fresh = rows.filter((r) => !seen.has(r.idempotencyKey));
  if (fresh.length > 0) await db.emailOutbox.createMany({ data: fresh as never });
  return fresh;
}
