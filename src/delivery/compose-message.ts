import type { EmailOutbox } from '../db';
import type { RenderedEmail } from '../rendering';
import { headerText } from '../rendering/header-text';
import { threadHeaders } from './thread-headers';
import type { MailAttachment } from './attachments';
import type { UnsubscribeLinks } from '../unsubscribe';
import { unsubscribeHeaders } from './unsubscribe-headers';

/** The Nodemailer message for one outbox row: names are flattened to one line, the address was checked when queued. */
export function composeMessage(row: EmailOutbox, rendered: RenderedEmail, from: string, domain: string, unsubscribe?: UnsubscribeLinks | null, attachments: MailAttachment[] = []) {
  return {
    from,
    to: { name: headerText(row.recipientName, 100), address: row.recipientEmail },
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId: row.messageId,
    ...(attachments.length > 0 ? { attachments } : {}),
    headers: {
      ...threadHeaders(row, domain),
      'X-Ticket-Event': row.event,
      'Auto-Submitted': 'auto-generated',
      ...unsubscribeHeaders(unsubscribe),
    },
  };
}
