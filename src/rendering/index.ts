export { renderEmail, renderEmailHtml, type RenderedEmail, type RenderOptions, type RecipientLinks } from './render-email';
export { subjectFor } from './subject';
export { digestSubject } from './digest-subject';
export { renderDigest } from './render-digest';
export { mergeBrand, type IgnoredBrandField } from './merge-brand';
export { headerText } from './header-text';
export { createRenderer, type Renderer, type HtmlRenderer } from './shared-render';
