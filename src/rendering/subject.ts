import type { EmailPayload } from '../notifications';
import { eventTitle } from '../../emails/_components/email-context';
import { headerText } from './header-text';

/** `[#42] Status changed: Printer on fire` (in the recipient's language): one line, the ticket subject shortened to fit. */
export function subjectFor(payload: EmailPayload): string {
  const title = eventTitle(payload.locale, payload.event, payload.comments);
  return `[#${payload.ticket.id}] ${title}: ${headerText(payload.ticket.subject, 120)}`;
}
