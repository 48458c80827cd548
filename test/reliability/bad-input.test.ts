import type { TicketEmailProps } from '../../emails';
import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const ticket = (subject: string, extra: Record<string, unknown> = {}) =>
  h.notifier.client.ticket.create({ data: { subject, customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id, ...extra } });

describe('bad input', () => {
  it('CR/LF in a ticket subject or a name never reaches a header', async () => {
    const sneaky = await h.db.prisma.customer.create({ data: { name: 'Eve\r\nBcc: victim@evil.test', email: 'eve@customer.test' } });
    const t = await h.notifier.client.ticket.create({
      data: { subject: 'Hi\r\nBcc: victim@evil.test\r\nX-Injected: 1', customerId: sneaky.id, createdById: people.cyd.id },
    });
    await h.notifier.drain();
    const [m] = h.mail.to('eve@customer.test');
    expect(m.parsed.subject).toBe(`[#${t.id}] New ticket: Hi Bcc: victim@evil.test X-Injected: 1`);
    expect(m.parsed.headers.has('x-injected')).toBe(false);
    expect(m.parsed.bcc).toBeUndefined();
    expect(m.envelopeTo).toEqual(['eve@customer.test']);
    const headerBlock = m.raw.slice(0, m.raw.search(/\r?\n\r?\n/));
    expect(headerBlock).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(h.mail.messages.flatMap((x) => x.envelopeTo)).not.toContain('victim@evil.test');
  });

  it('an address with a line break or no @ is skipped; the others still get theirs', async () => {
    const broken = await h.db.prisma.customer.create({ data: { name: 'Broken', email: 'a@b.test\r\nBcc: victim@evil.test' } });
    const t = await h.notifier.client.ticket.create({
      data: { subject: 'Broken address', customerId: broken.id, createdById: people.cyd.id, assignedToId: people.ada.id },
    });
    await h.notifier.drain();
    expect(h.mail.messages.map((m) => m.envelopeTo[0])).toEqual(['ada@staff.test']);
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(1);
  });

  it('a 1 MB comment with emoji and right-to-left text arrives whole; the subject is shortened', async () => {
    const t = await ticket(`${'נושא ארוך מאוד 🔥 '.repeat(40)}end`);
    const content = `${'שלום עולם 👋🏽 مرحبا '.repeat(40_000).slice(0, 1_000_000)}\nTHE END`;
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content } });
    await h.notifier.drain();
    const toCarol = h.mail.to('carol@customer.test').find((m) => m.parsed.subject?.includes('New comment'))!;
    expect(toCarol.parsed.subject!.length).toBeLessThanOrEqual(160);
    expect(toCarol.parsed.subject).toMatch(/…$/);
    expect(toCarol.parsed.text).toContain('THE END');
    expect(toCarol.parsed.text).toContain('👋🏽');
  });

  it('HTML in subjects, descriptions and comments is shown as text', async () => {
    const t = await ticket('<b>bold</b> <script>x()</script>', { description: '<img src=x onerror=alert(1)>' });
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: '<a href="https://evil.test">click</a>' } });
    await h.notifier.drain();
    // This ticket's emails only: a retried email of an earlier test may arrive in the same drain.
    const mine = h.mail.messages.filter((m) => m.parsed.subject?.includes(`[#${t.id}]`));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const m of mine) {
      const html = m.parsed.html as string;
      expect(html).not.toMatch(/<script|<img src=x|<a href="https:\/\/evil/);
      expect(html).toContain('&lt;');
    }
  });

  it('a template that throws fails its rows only; the write and the other emails are fine', async () => {
    const Broken = (_: TicketEmailProps): never => {
      throw new Error('template exploded');
    };
    const custom = h.makeNotifier();
    const { createTicketNotifier } = await import('../../src');
    const withBroken = createTicketNotifier({
      prisma: h.db.prisma,
      config: custom.config,
      logger: custom.logger,
      templates: { ticket_assigned: Broken },
    });
    try {
      const t = await h.db.prisma.ticket.create({ data: { subject: 'Mixed', customerId: people.carol.id, createdById: people.cyd.id } });
      const updated = await withBroken.client.ticket.update({ where: { id: t.id }, data: { assignedToId: people.bob.id, status: 'open' } });
      expect(updated.assignedToId).toBe(people.bob.id);
      await withBroken.drain();
      const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) }, orderBy: { recipientEmail: 'asc' } });
      expect(rows.map((r) => [r.recipientEmail, r.event, r.status])).toEqual([
        ['bob@staff.test', 'ticket_assigned', 'failed'],
        ['carol@customer.test', 'status_changed', 'sent'],
      ]);
      expect(rows[0].lastError).toBe('template error: template exploded');
      expect(rows[0].attempts).toBe(1);
    } finally {
      await withBroken.close();
    }
  });
});
