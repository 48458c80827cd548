import { unsubscribeScope, type PreferenceScope, notificationEvents, type NotificationEvent } from '../notifications';
import { signUnsubscribeToken } from './token';

/** What delivery needs to put unsubscribe links in an email (from Config.unsubscribe). */
export interface UnsubscribeSettings {
  secretKey: string;
  tokenDays: number;
  /** Public base URL of the unsubscribe endpoint, without the path. */
  url: string;
  mailto: string;
}

export interface UnsubscribeLinks {
  token: string;
  /** The https (or http) URL; GET shows a page, POST unsubscribes (RFC 8058). */
  url: string;
  /** mailto: with the token in the subject, for clients that prefer mail. */
  mailto: string;
}

const DAY_MS = 86_400_000;
const isTicketEvent = (event: string): event is NotificationEvent => (notificationEvents as readonly string[]).includes(event);

/** The page and one-click address of a token. */
export const unsubscribeUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/unsubscribe?token=${token}`;

/**
 * The scope a link in this email offers: the email's own kind when it can be
 * turned off alone, else everything. Emails that are no ticket event (a
 * digest) can only be stopped as a whole.
 */
export function scopeForEmail(kind: 'user' | 'customer', event: string): PreferenceScope {
  return isTicketEvent(event) ? unsubscribeScope(kind, event) : 'all';
}

/**
 * Links for one outbox row, or null for rows queued before rows named their
 * recipient (they cannot say whose preference to change).
 */
export function unsubscribeLinksFor(
  row: { recipientKind: string | null; recipientId: number | null; event: string },
  settings: UnsubscribeSettings,
  now: Date,
): UnsubscribeLinks | null {
  if ((row.recipientKind !== 'user' && row.recipientKind !== 'customer') || row.recipientId === null) return null;
  const claim = { kind: row.recipientKind, id: row.recipientId, scope: scopeForEmail(row.recipientKind, row.event) } as const;
  const token = signUnsubscribeToken(claim, settings.secretKey, new Date(now.getTime() + settings.tokenDays * DAY_MS));
  return {
    token,
    url: unsubscribeUrl(settings.url, token),
    mailto: `mailto:${settings.mailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`,
  };
}
