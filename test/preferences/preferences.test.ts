import { PreferenceError, runAs } from '../../src';
import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const p = () => h.db.prisma;
const newTicket = () => p().ticket.create({ data: { subject: 'Prefs', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
const delivered = async () => {
  await h.notifier.drain();
  return h.mail.messages.map((m) => `${m.envelopeTo.join(',')} ${m.parsed.headers.get('x-ticket-event')}`).sort();
};

afterEach(async () => {
  await p().notificationPreference.deleteMany();
});

describe('preferences, end to end', () => {
  it('staff who turned comment emails off get none, the customer still does, and the skip is recorded', async () => {
    await h.notifier.preferences.set({ userId: people.ada.id }, 'comment_added', false);
    const t = await newTicket();
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'Any news?' } });
    expect(await delivered()).toEqual(['carol@customer.test comment_added']);
    const skips = await p().skippedNotification.findMany({ where: { ticketId: String(t.id) } });
    expect(skips).toEqual([
      expect.objectContaining({ event: 'comment_added', recipientKind: 'user', recipientId: String(people.ada.id), recipientEmail: 'ada@staff.test', reason: 'opted_out' }),
    ]);
  });

  it('turning it back on sends again, with no skip recorded', async () => {
    await h.notifier.preferences.set({ userId: people.ada.id }, 'comment_added', false);
    await h.notifier.preferences.set({ userId: people.ada.id }, 'comment_added', true);
    const t = await newTicket();
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'Back on' } });
    expect(await delivered()).toEqual(['ada@staff.test comment_added', 'carol@customer.test comment_added']);
    expect(await p().skippedNotification.count({ where: { ticketId: String(t.id) } })).toBe(0);
  });

  it('a customer always hears that their ticket is resolved, even with a stored opt-out the API would refuse', async () => {
    // An app may write the table directly; planning still applies the rule.
    await p().notificationPreference.create({ data: { customerId: String(people.carol.id), event: 'ticket_resolved', enabled: false } });
    await p().notificationPreference.create({ data: { customerId: String(people.carol.id), event: 'status_changed', enabled: false } });
    const t = await newTicket();
    await runAs(people.ada, () => h.notifier.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } }));
    await runAs(people.ada, () => h.notifier.client.ticket.update({ where: { id: t.id }, data: { status: 'resolved' } }));
    expect(await delivered()).toEqual(['carol@customer.test ticket_resolved']);
    expect((await p().skippedNotification.findMany({ where: { ticketId: String(t.id) } })).map((s) => [s.event, s.reason])).toEqual([['status_changed', 'opted_out']]);
  });

  it('a customer unsubscribed from everything gets nothing, not even the resolution', async () => {
    await h.notifier.preferences.set({ customerId: people.carol.id }, 'all', false);
    const t = await newTicket();
    await runAs(people.ada, () => h.notifier.client.ticket.update({ where: { id: t.id }, data: { status: 'resolved' } }));
    expect(await delivered()).toEqual([]);
    const reasons = (await p().skippedNotification.findMany({ where: { ticketId: String(t.id), recipientKind: 'customer' } })).map((s) => s.reason);
    expect(reasons).toEqual(['unsubscribed']);
  });

  it('preferences are checked when the row is queued: an email queued before the opt-out still goes', async () => {
    const t = await newTicket();
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'Queued first' } });
    await h.notifier.planChanges();
    await h.notifier.preferences.set({ userId: people.ada.id }, 'comment_added', false);
    expect(await delivered()).toContain('ada@staff.test comment_added');
  });

  it('a write not planned yet is planned with the preferences of that moment: an opt-out made in between stops its email', async () => {
    const t = await newTicket();
    await h.notifier.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'Planned after the opt-out' } });
    await h.notifier.preferences.set({ userId: people.ada.id }, 'comment_added', false);
    expect(await delivered()).not.toContain('ada@staff.test comment_added');
    const reasons = (await p().skippedNotification.findMany({ where: { ticketId: String(t.id), recipientKind: 'user', recipientId: String(people.ada.id) } })).map((s) => s.reason);
    expect(reasons).toEqual(['opted_out']);
    await h.notifier.preferences.set({ userId: people.ada.id }, 'comment_added', true);
  });

  it('a repeated overdue run records each skip once', async () => {
    await h.notifier.preferences.set({ userId: people.ada.id }, 'ticket_overdue', false);
    const t = await p().ticket.create({
      data: { subject: 'Late', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id, status: 'open', dueDate: new Date(Date.now() - 86_400_000) },
    });
    await h.notifier.sendOverdueNotifications();
    await h.notifier.sendOverdueNotifications();
    expect(await p().skippedNotification.count({ where: { ticketId: String(t.id), reason: 'opted_out' } })).toBe(1);
    expect((await delivered()).filter((d) => d.includes('ticket_overdue'))).toEqual(['cyd@staff.test ticket_overdue']);
  });
});

describe('the preferences API', () => {
  it('reads every event with its default, stored choice and whether it may be turned off', async () => {
    await h.notifier.preferences.set({ customerId: people.carol.id }, 'comment_added', false);
    const view = await h.notifier.preferences.get({ customerId: people.carol.id });
    expect(view.all).toBe(true);
    expect(view.events.comment_added).toEqual({ enabled: false, mandatory: false });
    expect(view.events.ticket_created).toEqual({ enabled: true, mandatory: false });
    expect(view.events.ticket_closed).toEqual({ enabled: true, mandatory: true });
    expect((await h.notifier.preferences.get({ userId: people.ada.id })).events.ticket_closed.mandatory).toBe(false);
  });

  it('takes an id of either kind and stores it as text: 12 and "12" are one person', async () => {
    await h.notifier.preferences.set({ customerId: String(people.carol.id) }, 'comment_added', false);
    await h.notifier.preferences.set({ customerId: people.carol.id }, 'ticket_updated', false);
    expect((await h.notifier.preferences.get({ customerId: people.carol.id })).events.comment_added.enabled).toBe(false);
    expect((await h.notifier.preferences.get({ customerId: String(people.carol.id) })).events.ticket_updated.enabled).toBe(false);
    const rows = await p().notificationPreference.findMany({ orderBy: { id: 'asc' }, select: { userId: true, customerId: true, event: true } });
    expect(rows).toEqual([
      { userId: null, customerId: String(people.carol.id), event: 'comment_added' },
      { userId: null, customerId: String(people.carol.id), event: 'ticket_updated' },
    ]);
  });

  it.each([
    [{ customerId: 1 }, 'ticket_resolved', false, /cannot turn off ticket_resolved on its own/],
    [{ customerId: 1 }, 'ticket_close', false, /"ticket_close" is not a notification; expected "all" or one of ticket_created/],
    [{}, 'all', false, /expected \{ userId \} or \{ customerId \}/],
    [{ userId: 1, customerId: 1 }, 'all', false, /exactly one of them/],
    [{ userId: -3 }, 'all', false, /userId -3 is not a positive whole number/],
    [{ userId: 99999 }, 'all', false, /there is no user with id 99999/],
    [{ userId: '' }, 'all', false, /userId "" is not an id/],
    [{ userId: ' 1' }, 'all', false, /userId " 1" is not an id/],
    [{ userId: 'ckz1x2y3z0000abcd1234efgh' }, 'all', false, /there is no user with id ckz1x2y3z0000abcd1234efgh/],
    [{ userId: true }, 'all', false, /userId true is not an id/],
  ])('refuses %p %s=%s with a clear error, storing nothing', async (who, scope, enabled, message) => {
    const ref = 'customerId' in who && !('userId' in who) ? { customerId: people.carol.id } : who;
    await expect(h.notifier.preferences.set(ref as never, scope as never, enabled)).rejects.toThrow(PreferenceError);
    await expect(h.notifier.preferences.set(ref as never, scope as never, enabled)).rejects.toThrow(message);
    expect(await p().notificationPreference.count()).toBe(0);
  });
});
