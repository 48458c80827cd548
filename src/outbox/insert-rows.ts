import type { OutboxDb } from './outbox-db';
import type { NewOutboxRow } from './new-outbox-row';

/** Writes rows for one ticket write; called inside that write's transaction. */
export async function insertRows(db: OutboxDb, rows: NewOutboxRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await db.emailOutbox.createMany({ data: rows as never });
  return count;
}
