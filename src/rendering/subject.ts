import type { EmailPayload } from '../notifications';
import { t, type MessageKey } from '../../emails/_i18n';
import { headerText } from './header-text';

const TITLE = {
  ticket_created: 'subjectTicketCreated',
  ticket_assigned: 'subjectTicketAssigned',
  status_changed: 'subjectStatusChanged',
  ticket_resolved: 'subjectTicketResolved',
  ticket_closed: 'subjectTicketClosed',
  comment_added: 'subjectCommentAdded',
  ticket_updated: 'subjectTicketUpdated',
  ticket_overdue: 'subjectTicketOverdue',
} as const satisfies Record<EmailPayload['event'], MessageKey>;

/** `[#42] Status changed: Printer on fire` (in the recipient's language): one line, the ticket subject shortened to fit. */
export function subjectFor(payload: EmailPayload): string {
  const internal = payload.event === 'comment_added' && payload.comments.every((c) => c.isInternal);
  const title = t(payload.locale, internal ? 'subjectInternalNote' : TITLE[payload.event]);
  return `[#${payload.ticket.id}] ${title}: ${headerText(payload.ticket.subject, 120)}`;
}
