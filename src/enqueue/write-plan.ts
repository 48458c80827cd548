import type { Provider } from '../db';
import { insertMissingRows, insertRows, insertSkips, type NewOutboxRow, type RawDb } from '../outbox';
import type { OutboxPlan } from './plan-outbox-rows';


/** Writes a write's plan (rows and recorded skips) with `db`, that write's transaction. Returns the rows written. */
export async function writePlan(db: RawDb, plan: OutboxPlan, provider: Provider): Promise<number> {
  const count = await insertRows(db, plan.rows, provider);
  await insertSkips(db, plan.skips, provider);
  return count;
}

/** The same for runs that may repeat (the overdue scan): keys already written are left alone. Returns the rows that are new. */
export async function writeMissing(db: RawDb, plan: OutboxPlan, provider: Provider): Promise<NewOutboxRow[]> {
  const fresh = await insertMissingRows(db, plan.rows, provider);
  await insertSkips(db, plan.skips, provider);
  return fresh;
}
