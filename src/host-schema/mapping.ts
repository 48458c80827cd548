/**
 * How the notifier finds its way in the host app's Prisma schema: which model
 * is the ticket, the comment, the staff member and the customer, which of
 * their fields hold what the emails need, and which status values mean what.
 * Every section is optional and merges over the defaults, which describe
 * this repository's own schema (prisma/schema/helpdesk.prisma).
 *
 * A field set to null tells the notifier the host has no such field: the
 * emails go without it (no priority line, no due date, everyone active, the
 * default language, no company brand, no digest).
 */
export interface HostSchemaOptions {
  ticket?: { model?: string; fields?: Partial<TicketFields> };
  comment?: { model?: string; fields?: Partial<CommentFields> };
  staff?: { model?: string; fields?: Partial<StaffFields> };
  customer?: { model?: string; fields?: Partial<CustomerFields> };
  /** Files on comments; null when the host keeps none. */
  attachment?: { model?: string; fields?: Partial<AttachmentFields> } | null;
  statuses?: Partial<StatusVocabulary>;
}

export interface TicketFields {
  id: string;
  subject: string;
  description: string | null;
  status: string;
  priority: string | null;
  dueDate: string | null;
  /** The scalar foreign keys, not the relation fields. */
  customer: string;
  creator: string;
  assignee: string;
  /** The relation field that lists a ticket's comments (for comments created inside a ticket write). */
  comments: string;
}

export interface CommentFields {
  id: string;
  ticket: string;
  author: string;
  content: string;
  internal: string;
  createdAt: string;
}

export interface StaffFields {
  id: string;
  name: string;
  email: string;
  active: string | null;
  locale: string | null;
  /** A flag for one summary email a day instead of one per event. */
  digest: string | null;
}

export interface CustomerFields {
  id: string;
  name: string;
  email: string;
  locale: string | null;
  company: string | null;
}

export interface AttachmentFields {
  id: string;
  comment: string;
  filename: string;
  contentType: string | null;
  path: string | null;
  url: string | null;
  size: string | null;
}

/** Which status values mean what. A value in none of the lists is a plain status change. */
export interface StatusVocabulary {
  /** Moving into one of these sends ticket_resolved. */
  resolved: string[];
  /** Moving into one of these sends ticket_closed. */
  closed: string[];
  /** Tickets in these statuses are still being worked: the overdue scan looks at them. */
  open: string[];
}

/** This repository's schema: what an empty `schema` option means. */
export const DEFAULT_HOST_SCHEMA = {
  ticket: {
    model: 'Ticket',
    fields: {
      id: 'id',
      subject: 'subject',
      description: 'description',
      status: 'status',
      priority: 'priority',
      dueDate: 'dueDate',
      customer: 'customerId',
      creator: 'createdById',
      assignee: 'assignedToId',
      comments: 'comments',
    } satisfies TicketFields,
  },
  comment: {
    model: 'TicketComment',
    fields: { id: 'id', ticket: 'ticketId', author: 'authorId', content: 'content', internal: 'isInternal', createdAt: 'createdAt' } satisfies CommentFields,
  },
  staff: {
    model: 'User',
    fields: { id: 'id', name: 'name', email: 'email', active: 'active', locale: 'locale', digest: 'emailDigest' } satisfies StaffFields,
  },
  customer: {
    model: 'Customer',
    fields: { id: 'id', name: 'name', email: 'email', locale: 'locale', company: 'company' } satisfies CustomerFields,
  },
  attachment: {
    model: 'TicketAttachment',
    fields: { id: 'id', comment: 'commentId', filename: 'filename', contentType: 'contentType', path: 'path', url: 'url', size: 'size' } satisfies AttachmentFields,
  },
  statuses: { resolved: ['resolved'], closed: ['closed'], open: ['new', 'open', 'in_progress', 'pending'] } satisfies StatusVocabulary,
};
