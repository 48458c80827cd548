import { createElement } from 'react';
import fc from 'fast-check';
import { render } from '@react-email/render';
import { defaultBrand } from '../../emails';
import { allPreviews } from '../../emails/previews';
import { createRenderer, renderEmail, renderEmailHtml, type RenderOptions } from '../../src/rendering';
import { renderHtml } from '../../src/rendering/render-html';
import type { EmailPayload } from '../../src/notifications';

const options: RenderOptions = { siteUrl: 'https://helpdesk.example.com' };
const withName = (payload: EmailPayload, name: string): EmailPayload => ({ ...payload, recipient: { ...payload.recipient, name } });

// Text in many scripts, with markup to escape, and long: what user content can be.
const WIDE = 'Grüße, 你好, привет, مرحبا 🖨️🔥 & <b>"quoted"</b> '.repeat(80);

describe.each(allPreviews())('$file template', ({ Template, props }) => {
  it('renders the same HTML as React Email’s own render', async () => {
    const wide: EmailPayload = {
      ...props.payload,
      recipient: { ...props.payload.recipient, name: WIDE.slice(0, 60) },
      ticket: { ...props.payload.ticket, subject: WIDE.slice(0, 120), description: WIDE },
      comments: props.payload.comments.map((c) => ({ ...c, content: WIDE })),
    };
    for (const payload of [props.payload, wide]) {
      for (const unsubscribeUrl of [undefined, 'https://mail.example.com/unsubscribe?token=AAA.bbb&x="<y>"']) {
        const element = createElement(Template, { payload, siteUrl: options.siteUrl, brand: defaultBrand, unsubscribeUrl });
        expect(await renderHtml(element)).toBe(await render(element));
      }
    }
  });

  it('has the same plain text as React Email’s own plain-text render', async () => {
    const email = await renderEmail(props.payload, options);
    const element = createElement(Template, { payload: props.payload, siteUrl: options.siteUrl, brand: defaultBrand });
    expect(email.text).toBe(await render(element, { plainText: true }));
  });

  it('rendered once per role, filled in per recipient, equals a direct render for any name', async () => {
    const shared = createRenderer(options);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (name) => {
        const payload = withName(props.payload, name);
        expect(await shared(payload)).toEqual(await renderEmail(payload, options));
      }),
      { numRuns: 40 },
    );
  });
});

describe('shared render', () => {
  const { payload } = allPreviews().find((p) => p.event === 'comment_added')!.props;

  it('renders a role once for many recipients, and each role apart', async () => {
    const rendered: EmailPayload[] = [];
    const shared = createRenderer(options, {
      renderHtml: (p, o) => {
        rendered.push(p);
        return renderEmailHtml(p, o);
      },
    });
    const a = await shared(withName(payload, 'Ada'));
    const b = await shared(withName(payload, 'Bob & <Co>'));
    expect(rendered).toHaveLength(1);
    expect(a.html).toContain('Hello Ada,');
    expect(b.html).toContain('Hello Bob &amp; &lt;Co&gt;,');
    expect(b.text).toContain('Hello Bob & <Co>,');
    expect(a.html).not.toContain('Bob');
    const other = await shared({ ...payload, recipient: { name: 'Ada', reason: 'creator' } });
    expect(rendered).toHaveLength(2);
    expect(other.text).toContain('because you created ticket');
    expect(a.text).not.toContain('because you created ticket');
  });

  it('fills in each recipient’s unsubscribe link, equal to a direct render, from one render per role', async () => {
    let renders = 0;
    const shared = createRenderer(options, {
      renderHtml: (p, o, links) => {
        renders++;
        return renderEmailHtml(p, o, links);
      },
    });
    const links = [
      { unsubscribeUrl: 'https://mail.example.com/unsubscribe?token=AAA.bbb' },
      { unsubscribeUrl: 'https://mail.example.com/unsubscribe?token=CCC.ddd&x="<y>"' },
    ];
    for (const [i, l] of links.entries()) {
      const email = await shared(withName(payload, `Reader ${i}`), l);
      expect(email).toEqual(await renderEmail(withName(payload, `Reader ${i}`), options, l));
      expect(email.text).toContain(l.unsubscribeUrl);
    }
    expect(renders).toBe(1);
    // Without a link (rows queued before links existed) the footer has none.
    const none = await shared(withName(payload, 'Reader'));
    expect(none.html).not.toContain('unsubscribe');
    expect(none.text).not.toMatch(/unsubscribe/i);
    expect(renders).toBe(2);
  });

  it('renders a replaced template directly, since it may derive text from the name', async () => {
    const FirstName = ({ payload: p }: { payload: EmailPayload }) => createElement('p', null, `Hi ${p.recipient.name.split(' ')[0]}`);
    const shared = createRenderer({ ...options, templates: { comment_added: FirstName } });
    const email = await shared(withName(payload, 'Ada Lovelace'));
    expect(email.text).toBe('Hi Ada');
  });
});
