import { queueOverdue, utcDay, type EnqueueOptions } from '../enqueue';
import type { HostDb } from '../host-schema';
import type { EntityId } from '../notifications';

/** How many tickets a run would read, for a progress bar. */
export const countOverdue = (db: HostDb, options: EnqueueOptions, now = new Date()): Promise<number> => options.store.countOverdue(db, now);

export interface OverdueRun {
  day: string;
  tickets: number;
  queued: { ticketId: string; recipient: string }[];
}

/**
 * The reference's send_overdue_notifications: tickets in an open status
 * (the mapping's `statuses.open`) whose due date is before today (UTC).
 * Reads them in batches by id, so memory stays flat however many there are,
 * and queues one email per ticket, recipient and day.
 */
export async function sendOverdueNotifications(
  db: HostDb,
  options: EnqueueOptions,
  run: { now?: Date; dryRun?: boolean; batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<OverdueRun> {
  const now = run.now ?? new Date();
  const batchSize = run.batchSize ?? 500;
  const result: OverdueRun = { day: utcDay(now), tickets: 0, queued: [] };
  let cursor: EntityId | null = null;
  for (;;) {
    const tickets = await options.store.overdueTickets(db, now, cursor, batchSize);
    if (tickets.length === 0) return result;
    cursor = tickets[tickets.length - 1].id;
    result.tickets += tickets.length;
    const rows = await queueOverdue(db, tickets, now, options, run.dryRun);
    for (const r of rows) result.queued.push({ ticketId: String(r.ticketId), recipient: r.recipientEmail });
    run.onBatch?.(result.tickets);
  }
}
