import { runAs } from '../../src';
import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

const data = () => ({ subject: 'Switch', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id });

async function rowsFor(env: Record<string, string>, write: (n: ReturnType<Harness['makeNotifier']>) => Promise<number>) {
  const n = h.makeNotifier(env);
  const ticketId = await write(n);
  // The switches are applied when the write is planned, by the notifier that plans it.
  await n.planChanges();
  return h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(ticketId) }, select: { event: true, recipientEmail: true } });
}

describe('switches', () => {
  it('EMAIL_NOTIFICATIONS_ENABLED=false queues nothing at all', async () => {
    const rows = await rowsFor({ EMAIL_NOTIFICATIONS_ENABLED: 'false' }, async (n) => {
      const t = await n.client.ticket.create({ data: data() });
      await n.client.ticket.update({ where: { id: t.id }, data: { status: 'closed' } });
      return t.id;
    });
    expect(rows).toEqual([]);
  });

  it('one event switched off leaves the others on', async () => {
    const rows = await rowsFor({ EMAIL_NOTIFY_TICKET_CREATED: 'false' }, async (n) => {
      const t = await n.client.ticket.create({ data: data() });
      await n.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
      return t.id;
    });
    expect(rows.map((r) => r.event).sort()).toEqual(['status_changed', 'status_changed']);
  });

  it('comment_added switched off: comments send nothing', async () => {
    const rows = await rowsFor({ EMAIL_NOTIFY_COMMENT_ADDED: 'false' }, async (n) => {
      const t = await h.db.prisma.ticket.create({ data: data() });
      await n.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'quiet' } });
      return t.id;
    });
    expect(rows).toEqual([]);
  });

  it('EMAIL_NOTIFY_ACTOR=true emails people about their own changes too', async () => {
    const rows = await rowsFor({ EMAIL_NOTIFY_ACTOR: 'true' }, async (n) => {
      const t = await h.db.prisma.ticket.create({ data: data() });
      await runAs(people.ada, () => n.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } }));
      return t.id;
    });
    expect(rows.map((r) => r.recipientEmail).sort()).toEqual(['ada@staff.test', 'carol@customer.test']);
  });

  it('DELIVERY=worker records the write but leaves planning and sending to the worker', async () => {
    await h.notifier.drain();
    h.mail.clear();
    const n = h.makeNotifier({ DELIVERY: 'worker' });
    const t = await n.client.ticket.create({ data: data() });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.mail.messages).toHaveLength(0);
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(0);
    expect(await h.db.prisma.changeEvent.count()).toBe(1);
    await n.drain();
    expect(await h.db.prisma.changeEvent.count()).toBe(0);
    expect(h.mail.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['ada@staff.test', 'carol@customer.test']);
  });
});
