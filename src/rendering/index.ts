export { renderEmail, type RenderedEmail, type RenderOptions } from './render-email';
export { subjectFor } from './subject';
export { headerText } from './header-text';
export { createRenderer, type Renderer } from './shared-render';
