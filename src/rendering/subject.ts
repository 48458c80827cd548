import type { EmailPayload } from '../notifications';
import { headerText } from './header-text';

const TITLE: Record<EmailPayload['event'], string> = {
  ticket_created: 'New ticket',
  ticket_assigned: 'Assigned to you',
  status_changed: 'Status changed',
  ticket_resolved: 'Resolved',
  ticket_closed: 'Closed',
  comment_added: 'New comment',
  ticket_updated: 'Ticket updated',
  ticket_overdue: 'Overdue',
};

/** `[#42] Status changed: Printer on fire`: one line, the ticket subject shortened to fit. */
export function subjectFor(payload: EmailPayload): string {
  const title = payload.event === 'comment_added' && payload.comments.every((c) => c.isInternal) ? 'Internal note' : TITLE[payload.event];
  return `[#${payload.ticket.id}] ${title}: ${headerText(payload.ticket.subject, 120)}`;
}
