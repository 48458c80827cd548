import { randomUUID } from 'node:crypto';
import { planOutboxRows, writePlan, type EnqueueOptions, type KnownPeople } from '../enqueue';
import type { HostDb } from '../host-schema';
import { diffTicket, type Actor, type CommentState, type TicketState } from '../notifications';

/** What one write did to one ticket: its state before (null if created) and after, and comments it added. */
export interface TicketChange {
  before: TicketState | null;
  after: TicketState;
  newComments: CommentState[];
}

/** Diffs each change and writes the outbox rows with `tx`, the write's own transaction. */
export async function enqueueWrite(
  tx: HostDb,
  changes: TicketChange[],
  actor: Actor | undefined,
  options: EnqueueOptions,
  known?: KnownPeople,
): Promise<number> {
  const items = changes.map((c) => ({
    ticket: c.after,
    formerAssigneeId: c.before?.assignedToId ?? null,
    events: [...diffTicket(c.before, c.after, options.store.statuses), ...c.newComments.map((comment) => ({ type: 'comment_added' as const, comment }))],
  }));
  const write = `write:${randomUUID()}`;
  const plan = await planOutboxRows(tx, items, actor, (ticketId) => `${write}:${String(ticketId)}`, { ...options, known });
  return writePlan(tx, plan, options.provider);
}
