import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

async function ticket() {
  return h.db.prisma.ticket.create({
    data: { subject: 'API', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id, dueDate: new Date('2020-01-01T00:00:00Z') },
  });
}

async function sent(): Promise<string[]> {
  await h.notifier.drain();
  return h.mail.messages.map((m) => `${m.envelopeTo[0]} ${m.parsed.subject}`).sort();
}

describe('TicketEmailNotification (the reference module API), through the same outbox', () => {
  const api = () => h.notifier.notifications;

  it('sendTicketCreated', async () => {
    const t = await ticket();
    expect(await api().sendTicketCreated(t)).toBe(2);
    expect(await sent()).toEqual([`ada@staff.test [#${t.id}] New ticket: API`, `carol@customer.test [#${t.id}] New ticket: API`]);
  });

  it('sendTicketAssigned(ticket, user) emails that user', async () => {
    const t = await ticket();
    await api().sendTicketAssigned(t, people.bob);
    expect(await sent()).toEqual([`bob@staff.test [#${t.id}] Assigned to you: API`]);
  });

  it('sendStatusChanged(ticket, old, new)', async () => {
    const t = await ticket();
    await api().sendStatusChanged(t, 'new', 'pending');
    expect(await sent()).toEqual([`ada@staff.test [#${t.id}] Status changed: API`, `carol@customer.test [#${t.id}] Status changed: API`]);
    expect(h.mail.messages[0].parsed.text).toMatch(/New → Pending/);
  });

  it('sendCommentAdded keeps an internal comment from the customer', async () => {
    const t = await ticket();
    const c = await h.db.prisma.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'internal words', isInternal: true } });
    await api().sendCommentAdded(t, c);
    const got = await sent();
    expect(got).toEqual([`ada@staff.test [#${t.id}] Internal note: API`, `cyd@staff.test [#${t.id}] Internal note: API`]);
  });

  it('sendTicketResolved and sendTicketClosed', async () => {
    const t = await ticket();
    await api().sendTicketResolved(t);
    await api().sendTicketClosed(t);
    expect(await sent()).toEqual([
      `ada@staff.test [#${t.id}] Closed: API`,
      `ada@staff.test [#${t.id}] Resolved: API`,
      `carol@customer.test [#${t.id}] Closed: API`,
      `carol@customer.test [#${t.id}] Resolved: API`,
    ]);
  });

  it('sendOverdueNotification: assignee and creator, once a day however often it is called', async () => {
    const t = await ticket();
    expect(await api().sendOverdueNotification(t)).toBe(2);
    expect(await api().sendOverdueNotification(t)).toBe(0);
    expect(await sent()).toEqual([`ada@staff.test [#${t.id}] Overdue: API`, `cyd@staff.test [#${t.id}] Overdue: API`]);
    expect(await api().sendOverdueNotification(t, new Date(Date.now() + 86_400_000))).toBe(2);
  });

  it('respects the switches', async () => {
    const quiet = h.makeNotifier({ EMAIL_NOTIFY_TICKET_CLOSED: 'false' });
    const t = await ticket();
    expect(await quiet.notifications.sendTicketClosed(t)).toBe(0);
  });
});
