import { queueOverdue, utcDay, type EnqueueOptions } from '../enqueue';
import type { TicketState } from '../notifications';

export const OPEN_STATUSES = ['new', 'open', 'in_progress', 'pending'] as const;

const startOfDay = (now: Date) => new Date(`${utcDay(now)}T00:00:00.000Z`);

/** Open tickets due before today (UTC): the tickets the overdue run emails about. */
export const overdueWhere = (now: Date) => ({ status: { in: [...OPEN_STATUSES] }, dueDate: { lt: startOfDay(now) } });

/** How many tickets a run would read, for a progress bar. */
export const countOverdue = (db: any, now = new Date()): Promise<number> => db.ticket.count({ where: overdueWhere(now) });

export interface OverdueRun {
  day: string;
  tickets: number;
  queued: { ticketId: number; recipient: string }[];
}

/**
 * The reference's send_overdue_notifications: tickets still open whose due
 * date is before today (UTC). Reads them in batches by id, so memory stays
 * flat however many there are, and queues one email per ticket, recipient
 * and day.
 */
export async function sendOverdueNotifications(
  db: any,
  options: EnqueueOptions,
  run: { now?: Date; dryRun?: boolean; batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<OverdueRun> {
  const now = run.now ?? new Date();
  const batchSize = run.batchSize ?? 500;
  const result: OverdueRun = { day: utcDay(now), tickets: 0, queued: [] };
  let cursor = 0;
  for (;;) {
    const tickets: TicketState[] = await db.ticket.findMany({
      where: { ...overdueWhere(now), id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (tickets.length === 0) return result;
    cursor = tickets[tickets.length - 1].id;
    result.tickets += tickets.length;
    const rows = await queueOverdue(db, tickets, now, options, run.dryRun);
    for (const r of rows) result.queued.push({ ticketId: r.ticketId!, recipient: r.recipientEmail });
    run.onBatch?.(result.tickets);
  }
}
