import { DETAIL_FIELDS, type FieldChange, type StatusMeaning, type TicketEvent, type TicketState, type TicketStatus } from './types';

// An id read through raw SQL and one read through Prisma are the same value of the same type, but an id
// the app hands in (the programmatic API) may be the other spelling of it.
const sameId = (a: unknown, b: unknown) => a === b || (a !== null && b !== null && String(a) === String(b));

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Subject, description, priority and due date changes between two states of a ticket. */
export function detailChanges(before: TicketState, after: TicketState): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of DETAIL_FIELDS) {
    const from = show(before[field]);
    const to = show(after[field]);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

/** This repository's own vocabulary; a host app's comes from its mapping. */
export const DEFAULT_STATUS_MEANING: StatusMeaning = { resolved: ['resolved'], closed: ['closed'] };

/** The event of a move from one status to another: a resolved or closed status has one of its own. */
export function statusEvent(from: TicketStatus, to: TicketStatus, meaning: StatusMeaning = DEFAULT_STATUS_MEANING): TicketEvent {
  if (meaning.resolved.includes(to)) return { type: 'ticket_resolved', from, to };
  if (meaning.closed.includes(to)) return { type: 'ticket_closed', from, to };
  return { type: 'status_changed', from, to };
}

/**
 * What one write did to one ticket, as events. `before` is null for a new
 * ticket. An update that rewrites the same values yields no event.
 */
export function diffTicket(before: TicketState | null, after: TicketState, meaning: StatusMeaning = DEFAULT_STATUS_MEANING): TicketEvent[] {
  if (before === null) return [{ type: 'ticket_created' }];
  const events: TicketEvent[] = [];
  if (before.status !== after.status) events.push(statusEvent(before.status, after.status, meaning));
  if (!sameId(before.assignedToId, after.assignedToId) && after.assignedToId !== null) {
    events.push({ type: 'ticket_assigned', fromAssigneeId: before.assignedToId, toAssigneeId: after.assignedToId });
  }
  const changes = detailChanges(before, after);
  // Detail changes ride along in the status or assignment email when there is one.
  if (changes.length > 0 && events.length === 0) events.push({ type: 'ticket_updated', changes });
  return events;
}
