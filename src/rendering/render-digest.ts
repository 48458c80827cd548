import { createElement } from 'react';
import DailyDigest from '../../emails/daily-digest';
import { defaultBrand } from '../../emails';
import type { DigestPayload } from '../notifications';
import { digestSubject } from './digest-subject';
import { plainTextOf, type RenderedEmail, type RenderOptions } from './render-email';
import { renderHtml } from './render-html';

/** A digest in the house brand (it goes to staff), with its plain-text twin and subject. */
export async function renderDigest(payload: DigestPayload, options: RenderOptions, unsubscribeUrl?: string): Promise<RenderedEmail> {
  const brand = options.brand ?? defaultBrand;
  const html = await renderHtml(createElement(DailyDigest, { payload, siteUrl: options.siteUrl, brand, unsubscribeUrl }));
  return { subject: digestSubject(payload, brand.name), html, text: plainTextOf(html) };
}
