import type { Harness } from '../support/notifier-harness';
import { withHarness, waitFor, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const data = (subject = 'Delivery') => ({ subject, customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id });

describe('delivery after commit', () => {
  it('the embedded dispatcher sends on its own, after the write has returned', async () => {
    const embedded = h.makeNotifier({ DELIVERY: 'embedded' });
    const t = await embedded.client.ticket.create({ data: data() });
    // The write resolved before any SMTP conversation finished.
    expect(h.mail.messages).toHaveLength(0);
    await waitFor(async () => (await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id), status: 'sent' } })) === 2);
    expect(h.mail.messages).toHaveLength(2);
    await embedded.close();
  });

  it('SMTP down during writes: the writes succeed, and every email arrives once the server is back', async () => {
    const n = h.notifier;
    const port = h.mail.port;
    await h.mail.stop();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await n.client.ticket.create({ data: data(`Outage ${i}`) }));
    expect(created).toHaveLength(5);
    await n.drain();
    const ids = created.map((t) => t.id);
    const waiting = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: { in: ids.map(String) } } });
    expect(waiting).toHaveLength(10);
    for (const r of waiting) {
      expect(r.status).toBe('pending');
      expect(r.attempts).toBeGreaterThanOrEqual(1);
      expect(r.lastError).toMatch(/ECONNREFUSED/);
    }

    await h.mail.start(port);
    await waitFor(async () => {
      await n.drain();
      return (await h.db.prisma.emailOutbox.count({ where: { ticketId: { in: ids.map(String) }, status: 'sent' } })) === 10;
    });
    const subjects = h.mail.messages.map((m) => `${m.envelopeTo[0]} ${m.parsed.subject}`);
    expect(new Set(subjects).size).toBe(10);
    expect(subjects).toHaveLength(10);
  });

  it('a 5xx refusal for one recipient fails that row only; the rest are delivered', async () => {
    h.mail.failWith = (address) => (address === 'ada@staff.test' ? { code: 550, message: 'No such mailbox' } : null);
    try {
      const t = await h.notifier.client.ticket.create({ data: data('Refused') });
      await h.notifier.drain();
      const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) }, orderBy: { recipientEmail: 'asc' } });
      expect(rows.map((r) => [r.recipientEmail, r.status])).toEqual([
        ['ada@staff.test', 'failed'],
        ['carol@customer.test', 'sent'],
      ]);
      expect(rows[0].lastError).toMatch(/550/);
      expect(h.mail.messages.map((m) => m.envelopeTo[0])).toEqual(['carol@customer.test']);
    } finally {
      h.mail.failWith = () => null;
    }
  });

  it("a ticket's emails form one thread per recipient, rooted at their ticket_created email", async () => {
    const t = await h.notifier.client.ticket.create({ data: data('Thread') });
    await h.notifier.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'hi' } });
    await h.notifier.drain();
    const subjects = [`[#${t.id}] New ticket: Thread`, `[#${t.id}] Status changed: Thread`, `[#${t.id}] New comment: Thread`];
    for (const address of ['carol@customer.test', 'ada@staff.test']) {
      // Parallel connections may deliver them in any order (docs/reliability.md); the headers thread them anyway.
      const thread = h.mail
        .to(address)
        .filter((m) => m.parsed.subject?.includes(`[#${t.id}]`))
        .sort((a, b) => subjects.indexOf(a.parsed.subject!) - subjects.indexOf(b.parsed.subject!));
      expect(thread.map((m) => m.parsed.subject)).toEqual(subjects);
      const [first, ...later] = thread.map((m) => m.parsed);
      expect(first.messageId).toMatch(new RegExp(`^<ticket-${t.id}\\.[0-9a-f]{24}@helpdesk\\.test>$`));
      expect(first.inReplyTo).toBeUndefined();
      for (const m of later) {
        expect(m.inReplyTo).toBe(first.messageId);
        expect(m.references).toBe(first.messageId);
        expect(m.messageId).toMatch(/@helpdesk\.test>$/);
      }
      expect(new Set(thread.map((m) => m.parsed.messageId)).size).toBe(3);
    }
  });
});
