import { allPreviews } from '../../emails/previews';
import type { NotificationEvent } from '../../src/notifications';
import { createRenderer, renderEmail } from '../../src/rendering';
import { median } from '../support/stats';

export interface TemplateRender {
  event: NotificationEvent;
  /** One render: the React tree to HTML, and its plain text. */
  renderMs: number;
  /** Each further recipient of the same role: fill in the name, convert to text. */
  sameRoleMs: number;
}

const SITE = { siteUrl: 'https://helpdesk.bench' };

async function timeEach(times: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(30, times); i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** Milliseconds per render for every template, from its preview data. */
export async function measureRender(times: number): Promise<TemplateRender[]> {
  const results: TemplateRender[] = [];
  for (const { event, props } of allPreviews()) {
    const renderMs = await timeEach(times, () => renderEmail(props.payload, SITE));
    const shared = createRenderer(SITE);
    await shared(props.payload);
    const sameRoleMs = await timeEach(times, (i) => shared({ ...props.payload, recipient: { ...props.payload.recipient, name: `Reader ${i}` } }));
    results.push({ event, renderMs, sameRoleMs });
  }
  return results;
}
