import { DETAIL_FIELDS, type FieldChange, type StatusMeaning, type TicketEvent, type TicketState } from './types';

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

/**
 * What one write did to one ticket, as events. `before` is null for a new
 * ticket. An update that rewrites the same values yields no event.
 */
export function diffTicket(before: TicketState | null, after: TicketState, meaning: StatusMeaning = DEFAULT_STATUS_MEANING): TicketEvent[] {
  if (before === null) return [{ type: 'ticket_created' }];
  const events: TicketEvent[] = [];
  if (before.status !== after.status) {
    if (meaning.resolved.includes(after.status)) events.push({ type: 'ticket_resolved', from: before.status, to: after.status });
    else if (meaning.closed.includes(after.status)) events.push({ type: 'ticket_closed', from: before.status, to: after.status });
    else events.push({ type: 'status_changed', from: before.status, to: after.status });
  }
  if (!sameId(before.assignedToId, after.assignedToId) && after.assignedToId !== null) {
    events.push({ type: 'ticket_assigned', fromAssigneeId: before.assignedToId, toAssigneeId: after.assignedToId });
  }
  const changes = detailChanges(before, after);
  // Detail changes ride along in the status or assignment email when there is one.
  if (changes.length > 0 && events.length === 0) events.push({ type: 'ticket_updated', changes });
  return events;
}
