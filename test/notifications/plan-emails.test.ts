import { planEmails, type Actor, type Person, type PlanOptions, type TicketEvent, type TicketPeople, notificationEvents, type NotificationEvent } from '../../src/notifications';

const staff = (id: number, name: string, extra: Partial<Person> = {}): Person => ({ kind: 'user', id, name, email: `${name.toLowerCase()}@staff.test`, active: true, ...extra });
const customer: Person = { kind: 'customer', id: 1, name: 'Carol', email: 'carol@customer.test', active: true };
const ada = staff(1, 'Ada'); // note: same id as the customer, different kind
const bob = staff(2, 'Bob');
const cyd = staff(3, 'Cyd');
const dee = staff(4, 'Dee');

const allOn = (): PlanOptions => ({
  enabled: true,
  notifyActor: false,
  events: Object.fromEntries(notificationEvents.map((e) => [e, true])) as Record<NotificationEvent, boolean>,
});

const people = (over: Partial<TicketPeople> = {}): TicketPeople => ({
  customer,
  createdBy: cyd,
  assignee: ada,
  internalCommentAuthors: [dee],
  commentAuthors: new Map([ada, bob, cyd, dee].map((p) => [p.id, p])),
  ...over,
});

const comment = (isInternal: boolean, authorId = bob.id) => ({
  type: 'comment_added' as const,
  comment: { id: 1, ticketId: 1, authorId, content: 'c', isInternal, createdAt: new Date() },
});

const EVENTS: Record<NotificationEvent, TicketEvent> = {
  ticket_created: { type: 'ticket_created' },
  ticket_assigned: { type: 'ticket_assigned', fromAssigneeId: null, toAssigneeId: ada.id },
  status_changed: { type: 'status_changed', from: 'new', to: 'open' },
  ticket_resolved: { type: 'ticket_resolved', from: 'open', to: 'resolved' },
  ticket_closed: { type: 'ticket_closed', from: 'open', to: 'closed' },
  comment_added: comment(false),
  ticket_updated: { type: 'ticket_updated', changes: [{ field: 'priority', from: 'low', to: 'high' }] },
  ticket_overdue: { type: 'ticket_overdue', dueDate: new Date() },
};

// The reference module's table, as addresses.
const EXPECTED: Record<NotificationEvent, string[]> = {
  ticket_created: ['ada@staff.test', 'carol@customer.test'],
  ticket_assigned: ['ada@staff.test'],
  status_changed: ['ada@staff.test', 'carol@customer.test'],
  ticket_resolved: ['ada@staff.test', 'carol@customer.test'],
  ticket_closed: ['ada@staff.test', 'carol@customer.test'],
  comment_added: ['ada@staff.test', 'carol@customer.test'],
  ticket_updated: ['ada@staff.test'],
  ticket_overdue: ['ada@staff.test', 'cyd@staff.test'],
};

const addresses = (events: TicketEvent[], p = people(), actor?: Actor, o = allOn()) =>
  planEmails(events, p, actor, o).emails.map((e) => e.address).sort();

describe('planEmails: who gets what', () => {
  it.each(notificationEvents)('%s goes to the people the rules name', (event) => {
    expect(addresses([EVENTS[event]])).toEqual(EXPECTED[event]);
  });

  it('an internal comment goes to the assignee, the creator and earlier internal authors, never the customer', () => {
    expect(addresses([comment(true)])).toEqual(['ada@staff.test', 'cyd@staff.test', 'dee@staff.test']);
  });

  it('without an assignee, assignee-only events go to nobody', () => {
    const p = people({ assignee: null });
    expect(addresses([EVENTS.ticket_updated], p)).toEqual([]);
    expect(addresses([EVENTS.ticket_created], p)).toEqual(['carol@customer.test']);
  });

  it('the comment author is never emailed about their comment, whoever runAs says acts', () => {
    expect(addresses([comment(false, ada.id)], people(), { kind: 'user', id: bob.id })).toEqual(['carol@customer.test']);
  });

  it('the actor is left out, matched by kind and id', () => {
    expect(addresses([EVENTS.status_changed], people(), { kind: 'user', id: ada.id })).toEqual(['carol@customer.test']);
    expect(addresses([EVENTS.status_changed], people(), { kind: 'customer', id: customer.id })).toEqual(['ada@staff.test']);
  });

  it('notifyActor keeps the actor in', () => {
    expect(addresses([EVENTS.status_changed], people(), { kind: 'user', id: ada.id }, { ...allOn(), notifyActor: true })).toEqual([
      'ada@staff.test',
      'carol@customer.test',
    ]);
  });

  it('inactive staff and people without a usable address are skipped with a reason', () => {
    const p = people({ assignee: staff(1, 'Ada', { active: false }), customer: { ...customer, email: 'not an address' } });
    const { emails, skipped } = planEmails([EVENTS.status_changed], p, undefined, allOn());
    expect(emails).toEqual([]);
    expect(skipped.map((s) => s.reason).sort()).toEqual(['inactive', 'no_address']);
  });

  it.each(notificationEvents)('switching %s off silences it and nothing else', (off) => {
    const o = allOn();
    o.events[off] = false;
    for (const event of notificationEvents) {
      expect(addresses([EVENTS[event]], people(), undefined, o)).toEqual(event === off ? [] : EXPECTED[event]);
    }
  });

  it('the master switch silences everything', () => {
    for (const event of notificationEvents) expect(addresses([EVENTS[event]], people(), undefined, { ...allOn(), enabled: false })).toEqual([]);
  });
});

describe('planEmails: one email per person per write', () => {
  it('the most specific event leads, and the email carries the rest', () => {
    const { emails } = planEmails([EVENTS.status_changed, EVENTS.ticket_assigned, EVENTS.comment_added], people(), undefined, allOn());
    const toAda = emails.find((e) => e.address === 'ada@staff.test')!;
    expect(toAda.primary.type).toBe('ticket_assigned');
    expect(toAda.events.map((e) => e.type)).toEqual(['ticket_assigned', 'status_changed', 'comment_added']);
    expect(emails).toHaveLength(2);
  });

  it('every combination of events gives each address at most one email, and the customer no internal event', () => {
    const pool = [...Object.values(EVENTS), comment(true)];
    for (let mask = 1; mask < 1 << pool.length; mask++) {
      const events = pool.filter((_, i) => mask & (1 << i));
      for (const actor of [undefined, { kind: 'user', id: ada.id } as Actor, { kind: 'customer', id: 1 } as Actor]) {
        const { emails } = planEmails(events, people(), actor, allOn());
        const seen = emails.map((e) => e.address.toLowerCase());
        expect(new Set(seen).size).toBe(seen.length);
        for (const e of emails) {
          expect(e.primary).toBe(e.events[0]);
          if (e.audience === 'customer') expect(e.events.some((x) => x.type === 'comment_added' && x.comment.isInternal)).toBe(false);
        }
      }
    }
  });

  it('a staff member who shares the customer address never gets an internal note at that address', () => {
    const twin = staff(9, 'Twin', { email: 'Carol@Customer.test' });
    const { emails, skipped } = planEmails([comment(true), EVENTS.status_changed], people({ assignee: twin }), undefined, allOn());
    const toCarol = emails.filter((e) => e.address.toLowerCase() === 'carol@customer.test');
    expect(toCarol).toHaveLength(1);
    expect(toCarol[0].audience).toBe('customer');
    expect(toCarol[0].events.map((e) => e.type)).toEqual(['status_changed']);
    expect(skipped.some((s) => s.reason === 'internal_only')).toBe(true);
  });
});
