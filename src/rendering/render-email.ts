import { createElement } from 'react';
import { compile } from 'html-to-text';
import { plainTextSelectors } from '@react-email/render';
import { templates as defaultTemplates, defaultBrand, type Brand, type TemplateSet } from '../../emails';
import type { Logger } from '../logging';
import type { EmailPayload } from '../notifications';
import { mergeBrand } from './merge-brand';
import { renderHtml } from './render-html';
import { subjectFor } from './subject';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  siteUrl: string;
  /** The house brand; a customer's own (payload.brand) goes over it, field by field. */
  brand?: Brand;
  templates?: Partial<TemplateSet>;
  /** Told about customer brand fields left out because they are not usable. */
  logger?: Pick<Logger, 'warn'>;
}

/** Per-recipient links a template may show; the unsubscribe link goes in the footer. */
export interface RecipientLinks {
  unsubscribeUrl?: string;
}

// React Email's `render(el, { plainText: true })` renders the tree a second
// time and rebuilds this converter on every call; converting the HTML we
// already have with a converter built once gives the same text at a fraction
// of the cost (a test compares the two for every template).
export const plainTextOf: (html: string) => string = compile({ wordwrap: false, selectors: plainTextSelectors });

/** The HTML of one email: its template (the app's, if it replaced it) in the brand that applies. */
export function renderEmailHtml(payload: EmailPayload, options: RenderOptions, links: RecipientLinks = {}): Promise<string> {
  const Template = options.templates?.[payload.event] ?? defaultTemplates[payload.event];
  const { brand, ignored } = mergeBrand(options.brand ?? defaultBrand, payload.brand);
  for (const field of ignored) options.logger?.warn({ ...field, ticketId: payload.ticket.id }, 'brand field ignored: %s', field.reason);
  return renderHtml(createElement(Template, { payload, siteUrl: options.siteUrl, brand, unsubscribeUrl: links.unsubscribeUrl }));
}

/** HTML and its plain-text twin from the same component, plus the subject line. */
export async function renderEmail(payload: EmailPayload, options: RenderOptions, links: RecipientLinks = {}): Promise<RenderedEmail> {
  const html = await renderEmailHtml(payload, options, links);
  return { subject: subjectFor(payload), html, text: plainTextOf(html) };
}
