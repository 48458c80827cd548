import { isDigestPayload, type EmailPayload, type OutboxPayload } from '../notifications';
import type { RecipientLinks, RenderedEmail, RenderOptions } from './render-email';
import { subjectFor } from './subject';

// React Email, its dependencies and the templates add some 40 MB to a
// process; one that never renders (the overdue run, a relay) never loads
// them. They are imported on the first render and then held: an import() per
// email cost as much again as the text conversion (its module lookup goes
// through the loader every time).
function loadOnce<M>(load: () => Promise<M>): () => M | Promise<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return () => loaded ?? (loading ??= load().then((m) => (loaded = m)));
}
const reactEmail = loadOnce(() => import('./render-email'));
const digests = loadOnce(() => import('./render-digest'));

/** The HTML of one email (renderEmailHtml), without its text. */
export type HtmlRenderer = (payload: EmailPayload, options: RenderOptions, links?: RecipientLinks) => Promise<string>;
const renderEmailHtml: HtmlRenderer = async (payload, options, links) => (await reactEmail()).renderEmailHtml(payload, options, links);

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
 * converted from the filled HTML, once per email (text conversion folds
 * whitespace, so filling the text directly could differ). Only the project's
 * own templates are shared this way, since a test proves filling the slot
 * equals a direct render for them; a replaced template may derive text from
 * the name, so it renders directly.
 */
export function createRenderer(
  options: RenderOptions,
  { renderHtml = renderEmailHtml, maxEntries = 200 }: { renderHtml?: HtmlRenderer; maxEntries?: number } = {},
): Renderer {
  const renders = new Map<string, Promise<string>>();
  const withText = async (payload: EmailPayload, html: string): Promise<RenderedEmail> => {
    const { plainTextOf } = await reactEmail();
    // React's render ends in this same turn of the event loop. For a 1 MB
    // comment each takes a sizeable part of a second (0.1 and 0.4 s here, many
    // times that on a busy machine): in between, mail server replies are read,
    // or a connection's timeout, due by then too, fires ahead of them and
    // fails a send that went well.
    await new Promise((resolve) => setImmediate(resolve));
    return { subject: subjectFor(payload), html, text: plainTextOf(html) };
  };
  const direct = async (payload: EmailPayload, links: RecipientLinks) => withText(payload, await renderHtml(payload, options, links));
  return async (payload, links = {}) => {
    // A digest is one of a kind per person: nothing to share, and a template of its own.
    if (isDigestPayload(payload)) return (await digests()).renderDigest(payload, options, links.unsubscribeUrl);
    if (options.templates?.[payload.event]) return direct(payload, links);
    const shared: EmailPayload = { ...payload, recipient: { ...payload.recipient, name: NAME_SLOT } };
    const unsubscribeUrl = links.unsubscribeUrl;
    const sharedLinks: RecipientLinks = unsubscribeUrl === undefined ? {} : { unsubscribeUrl: UNSUBSCRIBE_SLOT };
    const key = JSON.stringify([shared, sharedLinks]);
    let pending = renders.get(key);
    if (pending) {
      // Map order is insertion order: re-inserting keeps recent entries last.
      renders.delete(key);
    } else {
      pending = renderHtml(shared, options, sharedLinks);
      pending.catch(() => renders.delete(key));
      if (renders.size >= maxEntries) renders.delete(renders.keys().next().value!);
    }
    renders.set(key, pending);
    const template = await pending;
    // The link first: a name is free text and could contain the other slot.
    let html = unsubscribeUrl === undefined ? template : template.split(UNSUBSCRIBE_SLOT).join(escapeHtml(unsubscribeUrl));
    html = html.split(NAME_SLOT).join(escapeHtml(payload.recipient.name));
    // Should a template ever change the slot (say, upper-case it), it cannot be filled in.
    if (NAME_SLOT_ANY_CASE.test(html) || UNSUBSCRIBE_SLOT_ANY_CASE.test(html)) return direct(payload, links);
    return withText(payload, html);
  };
}
