import { defaultBrand, type Brand } from '../../emails';
import { previewProps } from '../../emails/previews';
import { createRenderer, mergeBrand, renderEmail, renderEmailHtml, type RenderOptions } from '../../src/rendering';
import type { BrandOverride, EmailPayload } from '../../src/notifications';

const house: Brand = { name: 'Helpdesk', color: '#2563eb', logoUrl: 'https://house.example/logo.png', footer: 'House Ltd' };

describe('mergeBrand', () => {
  it('keeps the house brand when the customer has none', () => {
    for (const none of [null, undefined, {}]) expect(mergeBrand(house, none)).toEqual({ brand: house, ignored: [] });
  });

  it('puts each field of the customer’s brand over the house one, the rest stays', () => {
    const fields: BrandOverride = { name: 'Acme', color: '#ff6600', logoUrl: 'https://acme.example/l.png', footer: 'Acme GmbH' };
    // Every subset of the four fields.
    const keys = Object.keys(fields) as (keyof BrandOverride)[];
    for (let mask = 0; mask < 1 << keys.length; mask++) {
      const override: BrandOverride = Object.fromEntries(keys.filter((_, i) => mask & (1 << i)).map((k) => [k, fields[k]]));
      const { brand, ignored } = mergeBrand(house, override);
      expect(ignored).toEqual([]);
      for (const k of keys) expect(brand[k]).toBe(k in override ? fields[k] : house[k]);
    }
  });

  it.each([
    ['color', '#abc'],
    ['color', '#A1B2C3'],
    ['logoUrl', 'https://cdn.example/a/b.svg?v=2'],
    ['name', 'Ünïcode & Co — Support'],
    ['footer', 'Acme GmbH · Hauptstraße 1\nBerlin'],
  ] as const)('takes a usable %s (%j)', (field, value) => {
    expect(mergeBrand(house, { [field]: value })).toEqual({ brand: { ...house, [field]: value }, ignored: [] });
  });

  it.each([
    ['color', 'red'],
    ['color', '#12345'],
    ['color', '#ggg'],
    ['color', '#2563eb; background-image:url(https://evil.example)'],
    ['color', ''],
    ['logoUrl', 'http://acme.example/logo.png'],
    ['logoUrl', 'javascript:alert(1)'],
    ['logoUrl', 'data:image/png;base64,AAAA'],
    ['logoUrl', '/logo.png'],
    ['logoUrl', ''],
    ['name', ''],
    ['name', '   '],
    ['name', 'Two\nlines'],
    ['name', 'x'.repeat(81)],
    ['footer', '  '],
  ] as const)('leaves out a bad %s (%j) and says why, keeping the house value', (field, value) => {
    const { brand, ignored } = mergeBrand(house, { [field]: value, footer: field === 'footer' ? value : 'Acme GmbH' });
    expect(brand[field]).toBe(field === 'footer' ? house.footer : house[field]);
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatchObject({ field, value });
    expect(ignored[0].reason).toMatch(/\w/);
    if (field !== 'footer') expect(brand.footer).toBe('Acme GmbH');
  });

  it('does not change the house brand it was given', () => {
    const before = { ...house };
    mergeBrand(house, { name: 'Acme', color: 'nope' });
    expect(house).toEqual(before);
  });
});

describe('rendering with a customer’s brand', () => {
  const options: RenderOptions = { siteUrl: 'https://helpdesk.example.com', brand: house };
  const payload = (brand: BrandOverride | null): EmailPayload => ({ ...previewProps({ event: 'ticket_resolved' }).payload, brand });

  it('shows the customer’s name, colour, logo and footer', async () => {
    const email = await renderEmail(payload({ name: 'Acme Support', color: '#ff6600', logoUrl: 'https://acme.example/logo.png', footer: 'Acme GmbH' }), options);
    expect(email.html).toContain('background-color:#ff6600');
    expect(email.html).not.toContain('#2563eb');
    expect(email.html).toContain('src="https://acme.example/logo.png"');
    expect(email.html).toContain('alt="Acme Support"');
    expect(email.text).toContain('Acme GmbH');
    expect(email.text).not.toContain('House Ltd');
  });

  it('keeps the house brand without one, and uses the built-in brand without either', async () => {
    const email = await renderEmail(payload(null), options);
    expect(email.html).toContain('background-color:#2563eb');
    expect(email.html).toContain('src="https://house.example/logo.png"');
    const plain = await renderEmail(payload(null), { siteUrl: options.siteUrl });
    expect(plain.html).toContain(`background-color:${defaultBrand.color}`);
  });

  it('sends the email with the house colour when the customer’s is broken, and warns', async () => {
    const warnings: { fields: object; message: string }[] = [];
    const logger = { warn: (fields: object, message: string) => warnings.push({ fields, message }) };
    const email = await renderEmail(payload({ name: 'Acme', color: 'url(javascript:x)', logoUrl: 'http://acme.example/l.png' }), { ...options, logger: logger as never });
    expect(email.html).toContain('background-color:#2563eb');
    expect(email.html).not.toContain('javascript');
    expect(email.html).toContain('src="https://house.example/logo.png"');
    expect(email.html).toContain('alt="Acme"');
    expect(warnings.map((w) => w.fields)).toEqual([
      expect.objectContaining({ field: 'color', value: 'url(javascript:x)', ticketId: 42 }),
      expect.objectContaining({ field: 'logoUrl', value: 'http://acme.example/l.png', ticketId: 42 }),
    ]);
  });

  it('keeps one shared render per brand: customers of different companies never get each other’s', async () => {
    const rendered: EmailPayload[] = [];
    const shared = createRenderer(options, {
      renderHtml: (p, o) => {
        rendered.push(p);
        return renderEmailHtml(p, o);
      },
    });
    const acme = payload({ color: '#ff6600' });
    const globex = payload({ color: '#00aa55' });
    const a1 = await shared({ ...acme, recipient: { ...acme.recipient, name: 'Ann' } });
    const g1 = await shared({ ...globex, recipient: { ...globex.recipient, name: 'Gus' } });
    const a2 = await shared({ ...acme, recipient: { ...acme.recipient, name: 'Abe' } });
    const house1 = await shared(payload(null));
    expect(rendered).toHaveLength(3);
    expect(a1.html).toContain('#ff6600');
    expect(a2.html).toContain('#ff6600');
    expect(a2.html).toContain('Hello Abe,');
    expect(g1.html).toContain('#00aa55');
    expect(g1.html).not.toContain('#ff6600');
    expect(house1.html).toContain('#2563eb');
  });
});
