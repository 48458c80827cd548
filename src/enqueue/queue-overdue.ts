import type { HostDb } from '../host-schema';
import type { TicketState } from '../notifications';
import type { NewOutboxRow } from '../outbox';
import { planOutboxRows, type EnqueueOptions } from './plan-outbox-rows';
import { writeMissing } from './write-plan';

interface OutboxReader {
  emailOutbox: { findMany(args: object): Promise<{ idempotencyKey: string }[]> };
}

/** Days are UTC days, so "once per day" means the same thing on every server. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Queues overdue emails for these tickets, at most one per ticket, recipient
 * and day: the idempotency key carries the day, and keys already in the
 * outbox are skipped. With `dryRun`, returns what would be queued and writes nothing.
 */
export async function queueOverdue(
  db: HostDb,
  tickets: TicketState[],
  now: Date,
  options: EnqueueOptions,
  dryRun = false,
): Promise<NewOutboxRow[]> {
  const items = tickets
    .filter((t) => t.dueDate !== null)
    .map((ticket) => ({ ticket, events: [{ type: 'ticket_overdue' as const, dueDate: ticket.dueDate! }] }));
  const plan = await planOutboxRows(db, items, undefined, (id) => `overdue:${String(id)}:${utcDay(now)}`, options);
  if (!dryRun) return writeMissing(db, plan, options.provider);
  const rows = plan.rows;
  const existing = await (db as unknown as OutboxReader).emailOutbox.findMany({
    where: { idempotencyKey: { in: rows.map((r) => r.idempotencyKey) } },
    select: { idempotencyKey: true },
  });
  const seen = new Set(existing.map((r) => r.idempotencyKey));
  return rows.filter((r) => !seen.has(r.idempotencyKey));
}
