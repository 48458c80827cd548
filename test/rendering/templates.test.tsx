import { templates, type TicketEmailProps } from '../../emails';
import { allPreviews, previewProps } from '../../emails/previews';
import { renderEmail } from '../../src/rendering';
import type { EmailPayload } from '../../src/notifications';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

async function render(payload: EmailPayload, extra: Partial<Parameters<typeof renderEmail>[1]> = {}) {
  return renderEmail(payload, { siteUrl: 'https://helpdesk.example.com', ...extra });
}

describe.each(allPreviews())('$file template', ({ event, props }) => {
  it('renders HTML and a readable plain-text part from its preview props', async () => {
    const email = await render(props.payload);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.text).toContain(`#${props.payload.ticket.id}`);
    expect(email.text).toContain('https://helpdesk.example.com/tickets/42');
    expect(email.text).not.toMatch(/<[a-z][^>]*>/i);
    expect(email.subject).toMatch(/^\[#42\] /);
  });

  it('links to the ticket with a button', async () => {
    const email = await render(props.payload);
    expect(email.html).toContain('href="https://helpdesk.example.com/tickets/42"');
  });

  it('uses inline styles only: no style sheets, no external fonts or CSS', async () => {
    const { html } = await render(props.payload);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/@import|fonts\.googleapis/i);
  });

  it('shows user content as text, never as markup', async () => {
    const t = props.payload.ticket;
    const payload: EmailPayload = {
      ...props.payload,
      recipient: { ...props.payload.recipient, name: HOSTILE },
      ticket: { ...t, subject: HOSTILE, description: HOSTILE, customerName: HOSTILE, assigneeName: HOSTILE },
      comments: [{ id: 1, authorName: HOSTILE, content: HOSTILE, isInternal: false, createdAt: new Date().toISOString() }],
      actorName: HOSTILE,
    };
    const email = await render(payload);
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img src=x');
    if (event === 'comment_added') expect(email.html).toContain('&lt;script&gt;');
  });

  it('a customer’s version holds no internal content', async () => {
    const email = await render({ ...props.payload, audience: 'customer', recipient: { name: 'Carol', reason: 'customer' } });
    expect(email.html).not.toMatch(/internal/i);
    expect(email.text).not.toMatch(/internal/i);
  });
});

describe('comments', () => {
  it('keep their line breaks', async () => {
    const { payload } = previewProps({
      event: 'comment_added',
      comments: [{ id: 1, authorName: 'A', content: 'one\ntwo\r\n\r\nfour', isInternal: false, createdAt: new Date().toISOString() }],
    });
    const email = await render(payload);
    expect(email.html).toMatch(/one<br\/?>(<\/span><span>)?two<br\/?>(<\/span><span>)?<br\/?>(<\/span><span>)?four/);
    expect(email.text).toMatch(/one\s*\ntwo\s*\n\s*\nfour/);
  });

  it('an internal note is marked as one for the team', async () => {
    const { payload } = previewProps({
      event: 'comment_added',
      audience: 'staff',
      recipient: { name: 'Grace', reason: 'assignee' },
      comments: [{ id: 1, authorName: 'Linus', content: 'check firmware', isInternal: true, createdAt: new Date().toISOString() }],
    });
    const email = await render(payload);
    expect(email.text).toContain('Internal note by Linus');
    expect(email.subject).toMatch(/Internal note/);
  });
});

describe('footer', () => {
  it.each([
    ['customer', 'ticket #42 was opened for you'],
    ['assignee', 'you are assigned to ticket #42'],
    ['creator', 'you created ticket #42'],
    ['participant', 'internal discussion of ticket #42'],
  ] as const)('tells a %s why they get the email', async (reason, text) => {
    const { payload } = previewProps({ recipient: { name: 'X', reason } });
    expect((await render(payload)).text).toContain(text);
  });
});

describe('branding and overrides', () => {
  it('uses the brand name, colour, logo and footer', async () => {
    const email = await render(previewProps().payload, {
      brand: { name: 'Acme Support', color: '#ff6600', logoUrl: 'https://acme.example/logo.png', footer: 'Acme Ltd, 1 Main St' },
    });
    expect(email.html).toContain('background-color:#ff6600');
    expect(email.html).toContain('src="https://acme.example/logo.png"');
    expect(email.html).toContain('alt="Acme Support"');
    expect(email.text).toContain('Acme Ltd, 1 Main St');
  });

  it('an app can replace one template and keep the others', async () => {
    const Custom = ({ payload }: TicketEmailProps) => <p>Custom closed email for #{payload.ticket.id}</p>;
    const closed = await render({ ...previewProps().payload, event: 'ticket_closed' }, { templates: { ticket_closed: Custom } });
    expect(closed.html).toContain('Custom closed email for #<!-- -->42');
    const created = await render({ ...previewProps().payload, event: 'ticket_created' }, { templates: { ticket_closed: Custom } });
    expect(created.html).not.toContain('Custom closed');
    expect(Object.keys(templates)).toHaveLength(8);
  });
});
