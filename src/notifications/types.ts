import type { NotificationEvent } from './vocabulary';

export type { NotificationEvent };

/**
 * An id of the host app's: an integer or a string (a cuid, a UUID), as its
 * schema has it. The notifier passes it on unchanged and stores it as text.
 */
export type EntityId = number | string;

/**
 * A status value of the host app's own vocabulary. Which values mean resolved,
 * closed or still open is the host-schema mapping's to say (StatusMeaning).
 */
export type TicketStatus = string;
/** A priority value as the host stores it; null when the host has none. */
export type TicketPriority = string | null;

/** Which status values mean the ticket was resolved or closed (the rest are plain status changes). */
export interface StatusMeaning {
  resolved: readonly string[];
  closed: readonly string[];
}

/** The ticket fields notifications look at, in the notifier's own words (the host-schema module maps them). */
export interface TicketState {
  id: EntityId;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  customerId: EntityId;
  createdById: EntityId;
  assignedToId: EntityId | null;
  dueDate: Date | null;
}

export interface CommentState {
  id: EntityId;
  ticketId: EntityId;
  authorId: EntityId;
  content: string;
  isInternal: boolean;
  createdAt: Date;
  /** Files on the comment, when read with it. */
  attachments?: AttachmentRef[];
}

/** A file on a comment: by path (this process reads it) or by URL. */
export interface AttachmentRef {
  id: EntityId;
  filename: string;
  contentType: string | null;
  path: string | null;
  url: string | null;
  /** Bytes, when known. */
  size: number | null;
  /** Decided when the email is sent, never stored on the row: see src/delivery/attachments.ts. */
  delivery?: AttachmentDelivery;
}

/** How one email carries a file: in the email, as a link, or not at all (the file is gone). */
export interface AttachmentDelivery {
  as: 'attached' | 'linked' | 'unavailable';
  /** Where a linked file can be fetched. */
  href: string | null;
  /** Bytes: the size on disk for a file this process reads, else the stored size. */
  size: number | null;
}

/** Fields whose change alone makes a ticket_updated email. */
export const DETAIL_FIELDS = ['subject', 'description', 'priority', 'dueDate'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

export interface FieldChange {
  field: DetailField;
  from: string | null;
  to: string | null;
}

export type TicketEvent =
  | { type: 'ticket_created' }
  | { type: 'ticket_assigned'; fromAssigneeId: EntityId | null; toAssigneeId: EntityId }
  | { type: 'status_changed'; from: TicketStatus; to: TicketStatus }
  | { type: 'ticket_resolved'; from: TicketStatus; to: TicketStatus }
  | { type: 'ticket_closed'; from: TicketStatus; to: TicketStatus }
  | { type: 'comment_added'; comment: CommentState }
  | { type: 'ticket_updated'; changes: FieldChange[] }
  | { type: 'ticket_overdue'; dueDate: Date };

/** Who made a change, when the app says so (see runAs). */
export type Actor = { kind: 'user'; id: EntityId } | { kind: 'customer'; id: EntityId };

export interface Person {
  kind: 'user' | 'customer';
  id: EntityId;
  name: string;
  email: string | null;
  /** Staff can be deactivated; customers are always active. */
  active: boolean;
  /** Their choices about email; absent means the defaults (everything, at once, default language). */
  settings?: MailSettings;
  /** Customers: the brand their emails carry instead of the env defaults. */
  brand?: BrandOverride | null;
}

/** What a preference or an unsubscribe turns off: one kind of email, or all of them. */
export type PreferenceScope = NotificationEvent | 'all';

export interface MailSettings {
  /** Scopes turned off. */
  off: ReadonlySet<PreferenceScope>;
  /** Staff: one summary email a day instead of one per event. */
  digest: boolean;
  /** The address bounced hard and has not been cleared since. */
  bouncing: boolean;
  /** Their language as stored; null means the default. */
  locale: string | null;
}

/** Fields of the brand that one customer's (or company's) emails override. */
export interface BrandOverride {
  name?: string;
  color?: string;
  logoUrl?: string;
  footer?: string;
}

/** The people around one ticket, as the recipient rules need them. */
export interface TicketPeople {
  customer: Person;
  createdBy: Person;
  assignee: Person | null;
  /** Staff who wrote internal comments on the ticket before this write. */
  internalCommentAuthors: Person[];
  /** Comment authors by id, for naming them in the email. */
  commentAuthors: Map<EntityId, Person>;
}

/** Why someone receives an email; the footer tells them. */
export type RecipientReason = 'customer' | 'assignee' | 'creator' | 'participant';

export interface Recipient {
  person: Person;
  reason: RecipientReason;
}

export type Audience = 'customer' | 'staff';
