import type { Locale, NotificationEvent } from './vocabulary';
import type { PlannedEmail } from './plan-emails';
import type {
  AttachmentRef,
  Audience,
  BrandOverride,
  EntityId,
  FieldChange,
  Person,
  RecipientReason,
  TicketPeople,
  TicketPriority,
  TicketState,
  TicketStatus,
} from './types';

/**
 * Everything a template shows, captured when the email is planned and stored
 * on the outbox row as JSON. It holds only what this recipient may see: a
 * customer's payload is built from events that exclude internal comments, so
 * no later step can leak one.
 */
export interface EmailPayload {
  event: NotificationEvent;
  audience: Audience;
  recipient: { name: string; reason: RecipientReason };
  /** The recipient's language. Rows queued before languages existed lack it: English. */
  locale?: Locale;
  /** A customer's own brand, over the env defaults. */
  brand?: BrandOverride | null;
  ticket: {
    id: EntityId;
    subject: string;
    description: string;
    status: TicketStatus;
    priority: TicketPriority;
    dueDate: string | null;
    customerName: string;
    assigneeName: string | null;
  };
  actorName: string | null;
  created: boolean;
  status: { from: TicketStatus; to: TicketStatus } | null;
  assignment: { fromName: string | null; toName: string } | null;
  changes: FieldChange[];
  comments: { id: EntityId; authorName: string; content: string; isInternal: boolean; createdAt: string; attachments?: AttachmentRef[] }[];
  overdue: { dueDate: string } | null;
}

const nameOf = (p: Person | null | undefined) => (p ? p.name : null);

export function buildPayload(
  email: PlannedEmail,
  ticket: TicketState,
  people: TicketPeople,
  actor: Person | null,
  formerAssignee: Person | null,
  locale: Locale,
): EmailPayload {
  let status: EmailPayload['status'] = null;
  let assignment: EmailPayload['assignment'] = null;
  let changes: FieldChange[] = [];
  let overdue: EmailPayload['overdue'] = null;
  const comments: EmailPayload['comments'] = [];
  for (const event of email.events) {
    switch (event.type) {
      case 'status_changed':
        status = { from: event.from, to: event.to };
        break;
      case 'ticket_resolved':
        status = { from: event.from, to: event.to };
        break;
      case 'ticket_closed':
        status = { from: event.from, to: event.to };
        break;
      case 'ticket_assigned':
        assignment = { fromName: nameOf(formerAssignee), toName: nameOf(people.assignee) ?? 'someone' };
        break;
      case 'ticket_updated':
        changes = event.changes;
        break;
      case 'ticket_overdue':
        overdue = { dueDate: event.dueDate.toISOString() };
        break;
      case 'comment_added':
        comments.push({
          id: event.comment.id,
          authorName: people.commentAuthors.get(event.comment.authorId)?.name ?? 'A team member',
          content: event.comment.content,
          isInternal: event.comment.isInternal,
          createdAt: event.comment.createdAt.toISOString(),
          attachments: event.comment.attachments ?? [],
        });
        break;
      case 'ticket_created':
        break;
    }
  }
  return {
    event: email.primary.type,
    audience: email.audience,
    recipient: { name: email.recipient.name, reason: email.reason },
    locale,
    // Staff emails keep the house brand: the customer's brand is for the customer.
    brand: email.audience === 'customer' ? (email.recipient.brand ?? null) : null,
    ticket: {
      id: ticket.id,
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      dueDate: ticket.dueDate ? ticket.dueDate.toISOString() : null,
      customerName: people.customer.name,
      assigneeName: nameOf(people.assignee),
    },
    actorName: nameOf(actor),
    created: email.events.some((e) => e.type === 'ticket_created'),
    status,
    assignment,
    changes,
    comments,
    overdue,
  };
}
