import type { PreferenceScope, Locale, NotificationEvent } from '../notifications';
import { t, type MessageKey } from '../../emails/_i18n';
import type { TokenProblem } from './token';

const WHAT_KEY = {
  ticket_created: 'unsubscribeWhatTicketCreated',
  ticket_assigned: 'unsubscribeWhatTicketAssigned',
  status_changed: 'unsubscribeWhatStatusChanged',
  ticket_resolved: 'unsubscribeWhatTicketResolved',
  ticket_closed: 'unsubscribeWhatTicketClosed',
  comment_added: 'unsubscribeWhatCommentAdded',
  ticket_updated: 'unsubscribeWhatTicketUpdated',
  ticket_overdue: 'unsubscribeWhatTicketOverdue',
} as const satisfies Record<NotificationEvent, MessageKey>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * An address as the unsubscribe pages show it: the first character of the
 * local part, then `***`, then the domain (`m***@customer.example`). Whoever
 * holds a link sees whose it is without learning the address, so a leaked or
 * forwarded link does not give it away. The first character is a whole
 * grapheme (an emoji or an accented letter stays intact); the split is at the
 * last `@`, since a quoted local part may contain one. Anything without a
 * domain is shown as `***` after its first character.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at === -1 ? address : address.slice(0, at);
  const domain = at === -1 ? '' : address.slice(at);
  const first = graphemes.segment(local)[Symbol.iterator]().next().value?.segment ?? '';
  if (first === '' && domain === '') return '';
  return `${first}***${domain}`;
}

export interface Page {
  status: number;
  html: string;
}

interface PageContext {
  locale: Locale;
  /** The house brand's name, for "all emails from …". */
  brand: string;
  color: string;
}

function page(c: PageContext, title: string, body: string): string {
  return `<!doctype html>
<html lang="${c.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} · ${escape(c.brand)}</title>
<style>
body{margin:0;padding:32px 16px;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#111827}
main{max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px 28px;border-top:6px solid ${c.color}}
h1{font-size:20px;margin:0 0 12px}p{line-height:1.5}
button{font:inherit;font-weight:600;color:#fff;background:${c.color};border:0;border-radius:6px;padding:10px 18px;cursor:pointer}
button.secondary{background:#fff;color:#111827;border:1px solid #d1d5db}
.muted{color:#6b7280;font-size:14px}
</style>
</head>
<body><main>
<h1>${escape(title)}</h1>
${body}
</main></body>
</html>
`;
}

// A relative action keeps whatever path prefix a proxy serves the page under.
// The hidden field is what RFC 8058 clients send, so both POSTs look alike.
const form = (token: string, label: string, secondary = false) =>
  `<form method="post" action="?token=${escape(encodeURIComponent(token))}">` +
  `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
  `<button type="submit"${secondary ? ' class="secondary"' : ''}>${escape(label)}</button></form>`;

export const whatOf = (locale: Locale, event: NotificationEvent) => t(locale, WHAT_KEY[event]);

/**
 * The page a GET shows: what the link will stop and a button that POSTs.
 * A link for one kind of email also offers "all", with its own token. The
 * address is masked on every page (see maskAddress).
 */
export function confirmPage(
  c: PageContext,
  o: { email: string; scope: PreferenceScope; token: string; allToken: string | null },
): Page {
  const vars = { email: maskAddress(o.email), brand: c.brand };
  const body =
    o.scope === 'all'
      ? `<p>${escape(t(c.locale, 'unsubscribeAskAll', vars))}</p>${form(o.token, t(c.locale, 'unsubscribeButtonAll'))}`
      : `<p>${escape(t(c.locale, 'unsubscribeAskEvent', { ...vars, what: whatOf(c.locale, o.scope) }))}</p>` +
        form(o.token, t(c.locale, 'unsubscribeButtonEvent')) +
        (o.allToken ? `<p class="muted">${escape(t(c.locale, 'unsubscribeAskAllToo', vars))}</p>${form(o.allToken, t(c.locale, 'unsubscribeButtonAll'), true)}` : '');
  return { status: 200, html: page(c, t(c.locale, 'unsubscribePageTitle'), body) };
}

/** After a POST: what has stopped. */
export function donePage(c: PageContext, o: { email: string; scope: PreferenceScope }): Page {
  const vars = { email: maskAddress(o.email), brand: c.brand };
  const line =
    o.scope === 'all' ? t(c.locale, 'unsubscribeDoneAll', vars) : t(c.locale, 'unsubscribeDoneEvent', { ...vars, what: whatOf(c.locale, o.scope) });
  return {
    status: 200,
    html: page(c, t(c.locale, 'unsubscribeDoneTitle'), `<p>${escape(line)}</p><p class="muted">${escape(t(c.locale, 'unsubscribeDoneUndo'))}</p>`),
  };
}

/** A valid link whose person has since been deleted: there is nothing to stop. */
export function gonePage(c: PageContext): Page {
  return { status: 200, html: page(c, t(c.locale, 'unsubscribeDoneTitle'), `<p>${escape(t(c.locale, 'unsubscribeGone'))}</p>`) };
}

/** A missing, changed or expired token: 400, and nothing changed. */
export function invalidPage(c: PageContext, reason: TokenProblem): Page {
  const line = reason === 'expired' ? t(c.locale, 'unsubscribeExpired') : t(c.locale, 'unsubscribeInvalid');
  return { status: 400, html: page(c, t(c.locale, 'unsubscribeInvalidTitle'), `<p>${escape(line)}</p>`) };
}

export type { PageContext };
