import type { Locale, NotificationEvent } from './vocabulary';
import type { EmailPayload } from './email-payload';
import type { EntityId, FieldChange, TicketPriority, TicketStatus } from './types';

/** The event name of a digest row; it is no ticket event, so no switch or preference names it. */
export const DIGEST_EVENT = 'daily_digest';

/** One held email, as a line of the digest: what happened, from the held row's own payload. */
export interface DigestEntry {
  event: NotificationEvent;
  /** When the email was held (ISO). */
  at: string;
  actorName: string | null;
  created: boolean;
  status: EmailPayload['status'];
  assignment: EmailPayload['assignment'];
  changes: FieldChange[];
  comments: { authorName: string; excerpt: string; isInternal: boolean; attachments: string[] }[];
  overdue: EmailPayload['overdue'];
}

/** A ticket of the digest: as the latest held email saw it, and its entries, oldest first. */
export interface DigestTicket {
  id: EntityId;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeName: string | null;
  entries: DigestEntry[];
}

/**
 * The daily summary of one staff member's held emails, stored on the digest's
 * outbox row. Built only from the held rows' payloads, which already hold
 * only what this recipient may see.
 */
export interface DigestPayload {
  event: typeof DIGEST_EVENT;
  audience: 'staff';
  recipient: { name: string };
  locale?: Locale;
  /** The UTC day of the run, YYYY-MM-DD. */
  day: string;
  /** How many held emails it stands for. */
  updates: number;
  tickets: DigestTicket[];
}

/** What an outbox row's payload holds: one ticket email, or a digest of several. */
export type OutboxPayload = EmailPayload | DigestPayload;

export const isDigestPayload = (payload: OutboxPayload): payload is DigestPayload => payload.event === DIGEST_EVENT;
