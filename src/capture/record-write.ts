import type { Provider } from '../db';
import { recordChange, type TicketEvents } from '../events';
import type { HostDb } from '../host-schema';
import { diffTicket, type Actor, type CommentState, type StatusMeaning, type TicketState } from '../notifications';
import type { RawDb } from '../outbox';

/** What one write did to one ticket: its state before (null if created) and after, and comments it added. */
export interface TicketChange {
  before: TicketState | null;
  after: TicketState;
  newComments: CommentState[];
}

/** The events of each change, as the write saw it. */
export function eventsOf(changes: TicketChange[], statuses: StatusMeaning): TicketEvents[] {
  return changes.map((c) => ({
    ticket: c.after,
    formerAssigneeId: c.before?.assignedToId ?? null,
    events: [...diffTicket(c.before, c.after, statuses), ...c.newComments.map((comment) => ({ type: 'comment_added' as const, comment }))],
  }));
}

/**
 * Diffs each change and records the write's events with `tx`, the write's own
 * transaction: one statement, and none when nothing changed that emails are
 * about. Who gets which email is planned after the commit. Returns whether
 * anything was recorded.
 */
export function recordWrite(tx: HostDb & RawDb, changes: TicketChange[], actor: Actor | undefined, statuses: StatusMeaning, provider: Provider): Promise<boolean> {
  return recordChange(tx, eventsOf(changes, statuses), actor, provider);
}
