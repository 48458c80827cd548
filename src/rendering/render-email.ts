import { createElement } from 'react';
import { render } from '@react-email/components';
import { templates as defaultTemplates, defaultBrand, type Brand, type TemplateSet } from '../../emails';
import type { EmailPayload } from '../notifications';
import { subjectFor } from './subject';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  siteUrl: string;
  brand?: Brand;
  templates?: Partial<TemplateSet>;
}

/** HTML and its plain-text twin from the same component, plus the subject line. */
export async function renderEmail(payload: EmailPayload, options: RenderOptions): Promise<RenderedEmail> {
  const Template = options.templates?.[payload.event] ?? defaultTemplates[payload.event];
  const element = createElement(Template, { payload, siteUrl: options.siteUrl, brand: options.brand ?? defaultBrand });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: subjectFor(payload), html, text };
}
