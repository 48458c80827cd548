import {
  isMandatory,
  notificationEvents,
  planEmails,
  resolveLocale,
  unsubscribeScope,
  type MailSettings,
  type NotificationEvent,
  type Person,
  type PlanOptions,
  type PreferenceScope,
  type TicketEvent,
  type TicketPeople,
} from '../../src/notifications';

const settings = (over: Partial<MailSettings> = {}): MailSettings => ({ off: new Set(), digest: false, bouncing: false, locale: null, ...over });
const ada: Person = { kind: 'user', id: 1, name: 'Ada', email: 'ada@staff.test', active: true };
const cyd: Person = { kind: 'user', id: 3, name: 'Cyd', email: 'cyd@staff.test', active: true };
const carol: Person = { kind: 'customer', id: 1, name: 'Carol', email: 'carol@customer.test', active: true };

const allOn: PlanOptions = {
  enabled: true,
  notifyActor: false,
  events: Object.fromEntries(notificationEvents.map((e) => [e, true])) as Record<NotificationEvent, boolean>,
};

const EVENTS: Record<NotificationEvent, TicketEvent> = {
  ticket_created: { type: 'ticket_created' },
  ticket_assigned: { type: 'ticket_assigned', fromAssigneeId: null, toAssigneeId: 1 },
  status_changed: { type: 'status_changed', from: 'new', to: 'open' },
  ticket_resolved: { type: 'ticket_resolved', from: 'open', to: 'resolved' },
  ticket_closed: { type: 'ticket_closed', from: 'open', to: 'closed' },
  comment_added: { type: 'comment_added', comment: { id: 1, ticketId: 1, authorId: 9, content: 'c', isInternal: false, createdAt: new Date() } },
  ticket_updated: { type: 'ticket_updated', changes: [{ field: 'priority', from: 'low', to: 'high' }] },
  ticket_overdue: { type: 'ticket_overdue', dueDate: new Date() },
};

const people = (customer: Person, assignee: Person): TicketPeople => ({
  customer,
  createdBy: cyd,
  assignee,
  internalCommentAuthors: [],
  commentAuthors: new Map(),
});

/** What happens to `person` (as customer or as assignee) for `event`, given their settings. */
function outcome(person: Person, event: NotificationEvent, s: MailSettings) {
  const p = { ...person, settings: s };
  const plan = planEmails([EVENTS[event]], person.kind === 'customer' ? people(p, ada) : people(carol, p), undefined, allOn);
  const email = plan.emails.find((e) => e.recipient.kind === person.kind && e.recipient.id === person.id);
  const skip = plan.skipped.find((k) => k.person.kind === person.kind && k.person.id === person.id);
  return email ? (email.digest ? 'digest' : 'sent') : (skip?.reason ?? 'not a recipient');
}

// Who each event reaches (as customer / as assignee), from the reference module's table.
const reaches = (kind: Person['kind'], event: NotificationEvent) =>
  kind === 'customer' ? ['ticket_created', 'status_changed', 'ticket_resolved', 'ticket_closed', 'comment_added'].includes(event) : true;

describe('preferences in planning: every event, for a customer and for staff', () => {
  const cases = notificationEvents.flatMap((event) => [carol, ada].filter((p) => reaches(p.kind, event)).map((p) => [p.kind, event, p] as const));

  it.each(cases)('%s, %s: no settings or empty settings send it', (_k, event, person) => {
    expect(outcome(person, event, settings())).toBe('sent');
  });

  it.each(cases)('%s, %s: turning that event off skips it as opted_out, unless it is mandatory', (_k, event, person) => {
    const expected = isMandatory(person.kind, event) ? 'sent' : 'opted_out';
    expect(outcome(person, event, settings({ off: new Set([event]) }))).toBe(expected);
  });

  it.each(cases)('%s, %s: turning another event off changes nothing', (_k, event, person) => {
    const other = notificationEvents.find((e) => e !== event)!;
    expect(outcome(person, event, settings({ off: new Set([other]) }))).toBe('sent');
  });

  it.each(cases)('%s, %s: unsubscribed from all stops it, mandatory or not', (_k, event, person) => {
    expect(outcome(person, event, settings({ off: new Set<PreferenceScope>(['all']) }))).toBe('unsubscribed');
  });

  it.each(cases)('%s, %s: a bouncing address gets nothing, and that is the reason given first', (_k, event, person) => {
    expect(outcome(person, event, settings({ bouncing: true, off: new Set<PreferenceScope>(['all', event]) }))).toBe('bouncing');
  });

  it.each(cases)('%s, %s: a digest is for staff only', (_k, event, person) => {
    expect(outcome(person, event, settings({ digest: true }))).toBe(person.kind === 'user' ? 'digest' : 'sent');
  });
});

describe('preferences in planning: merged emails', () => {
  it('an email of several events loses only the events turned off, and its lead event follows', () => {
    const p = { ...ada, settings: settings({ off: new Set<PreferenceScope>(['status_changed']) }) };
    const plan = planEmails([EVENTS.status_changed, EVENTS.ticket_updated], people(carol, p), undefined, allOn);
    const email = plan.emails.find((e) => e.recipient.id === ada.id && e.recipient.kind === 'user')!;
    expect(email.events.map((e) => e.type)).toEqual(['ticket_updated']);
    expect(email.primary.type).toBe('ticket_updated');
    expect(plan.skipped).toContainEqual(expect.objectContaining({ event: 'status_changed', reason: 'opted_out' }));
  });

  it('the rules come before preferences: the actor is skipped as the actor, not as opted out', () => {
    const p = { ...ada, settings: settings({ off: new Set<PreferenceScope>(['status_changed']) }) };
    const plan = planEmails([EVENTS.status_changed], people(carol, p), { kind: 'user', id: ada.id }, allOn);
    expect(plan.skipped.find((s) => s.person.kind === 'user')?.reason).toBe('actor');
  });
});

describe('isMandatory and unsubscribeScope', () => {
  it.each(notificationEvents)('%s', (event) => {
    const mandatoryForCustomer = event === 'ticket_resolved' || event === 'ticket_closed';
    expect(isMandatory('customer', event)).toBe(mandatoryForCustomer);
    expect(isMandatory('user', event)).toBe(false);
    expect(unsubscribeScope('customer', event)).toBe(mandatoryForCustomer ? 'all' : event);
    expect(unsubscribeScope('user', event)).toBe(event);
  });
});

describe('resolveLocale', () => {
  it.each([
    [null, 'en', 'en'],
    [undefined, 'de', 'de'],
    ['', 'en', 'en'],
    ['de', 'en', 'de'],
    ['DE', 'en', 'de'],
    ['de-AT', 'en', 'de'],
    ['de_CH', 'en', 'de'],
    [' de ', 'en', 'de'],
    ['en-US', 'de', 'en'],
    ['fr', 'en', 'en'],
    ['fr', 'de', 'de'],
    ['deutsch', 'en', 'en'],
  ] as const)('%p with default %s is %s', (stored, fallback, expected) => {
    expect(resolveLocale(stored, fallback)).toBe(expected);
  });
});
