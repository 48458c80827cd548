import { DETAIL_FIELDS, type FieldChange, type TicketEvent, type TicketState } from './types';

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

/**
 * What one write did to one ticket, as events. `before` is null for a new
 * ticket. An update that rewrites the same values yields no event.
 */
export function diffTicket(before: TicketState | null, after: TicketState): TicketEvent[] {
  if (before === null) return [{ type: 'ticket_created' }];
  const events: TicketEvent[] = [];
  if (before.status !== after.status) {
    if (after.status === 'resolved') events.push({ type: 'ticket_resolved', from: before.status });
    else if (after.status === 'closed') events.push({ type: 'ticket_closed', from: before.status });
    else events.push({ type: 'status_changed', from: before.status, to: after.status });
  }
  if (before.assignedToId !== after.assignedToId && after.assignedToId !== null) {
    events.push({ type: 'ticket_assigned', fromAssigneeId: before.assignedToId, toAssigneeId: after.assignedToId });
  }
  const changes = detailChanges(before, after);
  // Detail changes ride along in the status or assignment email when there is one.
  if (changes.length > 0 && events.length === 0) events.push({ type: 'ticket_updated', changes });
  return events;
}
