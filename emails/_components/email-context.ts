import type { EmailPayload, RecipientReason, TicketPriority, TicketStatus, Locale, NotificationEvent } from '../../src/notifications';
import { t, type MessageKey } from '../_i18n';

export interface Brand {
  name: string;
  color: string;
  logoUrl?: string;
  footer?: string;
}

/** What every template receives: the snapshot from the outbox row, and where links point. */
export interface TicketEmailProps {
  payload: EmailPayload;
  siteUrl: string;
  brand: Brand;
  /** This recipient's one-click unsubscribe page; absent for emails that cannot carry one. */
  unsubscribeUrl?: string;
}

export const defaultBrand: Brand = { name: 'Helpdesk', color: '#2563eb' };

export const ticketUrl = (siteUrl: string, id: number | string) => `${siteUrl.replace(/\/+$/, '')}/tickets/${encodeURIComponent(String(id))}`;

const STATUS_KEY = {
  new: 'statusNew',
  open: 'statusOpen',
  in_progress: 'statusInProgress',
  pending: 'statusPending',
  resolved: 'statusResolved',
  closed: 'statusClosed',
} as const satisfies Record<string, MessageKey>;

const STATUS_IN_SENTENCE_KEY = {
  new: 'statusInSentenceNew',
  open: 'statusInSentenceOpen',
  in_progress: 'statusInSentenceInProgress',
  pending: 'statusInSentencePending',
  resolved: 'statusInSentenceResolved',
  closed: 'statusInSentenceClosed',
} as const satisfies Record<string, MessageKey>;

const PRIORITY_KEY = {
  low: 'priorityLow',
  medium: 'priorityMedium',
  high: 'priorityHigh',
  urgent: 'priorityUrgent',
} as const satisfies Record<string, MessageKey>;

// A host app's own status and priority values have no translation here: they are shown as the app
// stores them, with underscores as spaces ("waiting_for_customer" → "waiting for customer").
const asStored = (value: string) => value.replace(/_/g, ' ');
const keyOf = <K extends string>(keys: Record<string, K>, value: string): K | undefined => (Object.hasOwn(keys, value) ? keys[value] : undefined);

/** "In progress" as a label (a fact, a change line). */
export const statusName = (locale: Locale | undefined, status: TicketStatus): string => {
  const key = keyOf(STATUS_KEY, status);
  return key ? t(locale, key) : asStored(status);
};

/** "in progress" inside a sentence; languages differ in what they lower-case, so it is its own text. */
export const statusInSentence = (locale: Locale | undefined, status: TicketStatus): string => {
  const key = keyOf(STATUS_IN_SENTENCE_KEY, status);
  return key ? t(locale, key) : asStored(status);
};

/** A priority's label; an empty string when the app's tickets have none. */
export const priorityName = (locale: Locale | undefined, priority: TicketPriority): string => {
  if (priority === null) return '';
  const key = keyOf(PRIORITY_KEY, priority);
  return key ? t(locale, key) : asStored(priority);
};

/** English labels, for code written before languages; templates use statusName/priorityName. */
export const statusLabel: Record<string, string> = Object.fromEntries(Object.keys(STATUS_KEY).map((s) => [s, statusName('en', s as TicketStatus)]));
export const priorityLabel: Record<string, string> = Object.fromEntries(Object.keys(PRIORITY_KEY).map((p) => [p, priorityName('en', p as TicketPriority)]));

// Day, short month, year, in the recipient's conventions ("1 Dec 2026", "1. Dez. 2026").
const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

/** A date as the recipient reads it; always the UTC day, as stored, whatever the server's time zone. */
export function formatDate(iso: string | null, locale: Locale = 'en'): string {
  if (!iso) return t(locale, 'noDate');
  return new Date(iso).toLocaleDateString(DATE_LOCALE[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

const REASON_KEY = {
  customer: 'reasonCustomer',
  assignee: 'reasonAssignee',
  creator: 'reasonCreator',
  participant: 'reasonParticipant',
} as const satisfies Record<RecipientReason, MessageKey>;

export function reasonLine(payload: EmailPayload): string {
  return t(payload.locale, REASON_KEY[payload.recipient.reason], { ticket: `#${payload.ticket.id}` });
}

const TITLE_KEY = {
  ticket_created: 'subjectTicketCreated',
  ticket_assigned: 'subjectTicketAssigned',
  status_changed: 'subjectStatusChanged',
  ticket_resolved: 'subjectTicketResolved',
  ticket_closed: 'subjectTicketClosed',
  comment_added: 'subjectCommentAdded',
  ticket_updated: 'subjectTicketUpdated',
  ticket_overdue: 'subjectTicketOverdue',
} as const satisfies Record<NotificationEvent, MessageKey>;

/** What happened, in a few words ("Status changed", "Internal note"): the subject line's title, and a digest entry's. */
export function eventTitle(locale: Locale | undefined, event: NotificationEvent, comments: { isInternal: boolean }[]): string {
  const internal = event === 'comment_added' && comments.length > 0 && comments.every((c) => c.isInternal);
  return t(locale, internal ? 'subjectInternalNote' : TITLE_KEY[event]);
}
