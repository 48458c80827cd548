import { isDigestPayload, type EmailPayload, type OutboxPayload } from '../notifications';
import type { RecipientLinks, RenderedEmail, RenderOptions } from './render-email';
import { subjectFor } from './subject';

// React Email, its dependencies and the templates add some 40 MB to a
// process; one that never renders (the overdue run, a relay) never loads them.
const reactEmail = () => import('./render-email');
const renderEmail = async (payload: EmailPayload, options: RenderOptions, links?: RecipientLinks) => (await reactEmail()).renderEmail(payload, options, links);

// Stands in for the recipient's name while rendering. Lower-case letters and
// digits only, so HTML escaping leaves it alone.
const NAME_SLOT = 'zqrecipientnameslot7x';
const NAME_SLOT_ANY_CASE = new RegExp(NAME_SLOT, 'i');
// The same for the recipient's unsubscribe link (it carries their own token).
const UNSUBSCRIBE_SLOT = 'zqunsubscribeurlslot7x';
const UNSUBSCRIBE_SLOT_ANY_CASE = new RegExp(UNSUBSCRIBE_SLOT, 'i');

// What React escapes in text and attributes, escaped the same way.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

export type Renderer = (payload: OutboxPayload, links?: RecipientLinks) => Promise<RenderedEmail>;

/**
 * Renders once per role, not once per recipient: recipients of the same event
 * and role (e.g. the participants of an internal discussion) get the same
 * email but for their name, so the React tree is rendered once with a slot
 * for the name, the slot is filled in per recipient, and the plain text is
 * converted from the filled HTML (text conversion folds whitespace, so
 * filling the text directly could differ). Only the project's own templates
 * are shared this way, since a test proves filling the slot equals a direct render for them;
 * a replaced template may derive text from the name, so it renders directly.
 */
export function createRenderer(
  options: RenderOptions,
  { render = renderEmail, maxEntries = 200 }: { render?: typeof renderEmail; maxEntries?: number } = {},
): Renderer {
  const renders = new Map<string, Promise<RenderedEmail>>();
  return async (payload, links = {}) => {
    // A digest is one of a kind per person: nothing to share, and a template of its own.
    if (isDigestPayload(payload)) return (await import('./render-digest')).renderDigest(payload, options, links.unsubscribeUrl);
    if (options.templates?.[payload.event]) return render(payload, options, links);
    const shared: EmailPayload = { ...payload, recipient: { ...payload.recipient, name: NAME_SLOT } };
    const unsubscribeUrl = links.unsubscribeUrl;
    const sharedLinks: RecipientLinks = unsubscribeUrl === undefined ? {} : { unsubscribeUrl: UNSUBSCRIBE_SLOT };
    const key = JSON.stringify([shared, sharedLinks]);
    let pending = renders.get(key);
    if (pending) {
      // Map order is insertion order: re-inserting keeps recent entries last.
      renders.delete(key);
    } else {
      pending = render(shared, options, sharedLinks);
      pending.catch(() => renders.delete(key));
      if (renders.size >= maxEntries) renders.delete(renders.keys().next().value!);
    }
    renders.set(key, pending);
    const email = await pending;
    // The link first: a name is free text and could contain the other slot.
    let html = unsubscribeUrl === undefined ? email.html : email.html.split(UNSUBSCRIBE_SLOT).join(escapeHtml(unsubscribeUrl));
    html = html.split(NAME_SLOT).join(escapeHtml(payload.recipient.name));
    // Should a template ever change the slot (say, upper-case it), it cannot be filled in.
    if (NAME_SLOT_ANY_CASE.test(html) || UNSUBSCRIBE_SLOT_ANY_CASE.test(html)) return render(payload, options, links);
    return { subject: subjectFor(payload), html, text: (await reactEmail()).plainTextOf(html) };
  };
}
