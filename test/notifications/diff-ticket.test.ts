import { diffTicket, type TicketState, type TicketStatus } from '../../src/notifications';

const STATUSES: TicketStatus[] = ['new', 'open', 'in_progress', 'pending', 'resolved', 'closed'];
const base: TicketState = {
  id: 1,
  subject: 'S',
  description: 'D',
  status: 'open',
  priority: 'medium',
  customerId: 1,
  createdById: 1,
  assignedToId: 2,
  dueDate: new Date('2026-12-01T00:00:00Z'),
};

describe('diffTicket', () => {
  it('a new ticket is ticket_created, whatever its fields', () => {
    for (const status of STATUSES) expect(diffTicket(null, { ...base, status })).toEqual([{ type: 'ticket_created' }]);
  });

  it('no change, no event', () => {
    expect(diffTicket(base, { ...base })).toEqual([]);
    expect(diffTicket(base, { ...base, dueDate: new Date(base.dueDate!.getTime()) })).toEqual([]);
  });

  describe.each(STATUSES)('from %s', (from) => {
    it.each(STATUSES)('to %s', (to) => {
      const events = diffTicket({ ...base, status: from }, { ...base, status: to });
      if (from === to) expect(events).toEqual([]);
      else if (to === 'resolved') expect(events).toEqual([{ type: 'ticket_resolved', from, to }]);
      else if (to === 'closed') expect(events).toEqual([{ type: 'ticket_closed', from, to }]);
      else expect(events).toEqual([{ type: 'status_changed', from, to }]);
    });
  });

  it.each([
    [null, 3, [{ type: 'ticket_assigned', fromAssigneeId: null, toAssigneeId: 3 }]],
    [2, 3, [{ type: 'ticket_assigned', fromAssigneeId: 2, toAssigneeId: 3 }]],
    [2, null, []],
    [2, 2, []],
    [null, null, []],
  ])('assignee %p → %p', (from, to, expected) => {
    expect(diffTicket({ ...base, assignedToId: from }, { ...base, assignedToId: to })).toEqual(expected);
  });

  it.each([
    ['subject', 'New subject', 'S', 'New subject'],
    ['description', 'More', 'D', 'More'],
    ['priority', 'urgent', 'medium', 'urgent'],
    ['dueDate', null, '2026-12-01T00:00:00.000Z', null],
    ['dueDate', new Date('2027-01-01T00:00:00Z'), '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ] as const)('a change of %s alone is ticket_updated with the change', (field, value, from, to) => {
    expect(diffTicket(base, { ...base, [field]: value })).toEqual([{ type: 'ticket_updated', changes: [{ field, from, to }] }]);
  });

  it('several detail changes make one ticket_updated listing all of them', () => {
    const [event] = diffTicket(base, { ...base, subject: 'X', priority: 'low' });
    expect(event).toEqual({
      type: 'ticket_updated',
      changes: [
        { field: 'subject', from: 'S', to: 'X' },
        { field: 'priority', from: 'medium', to: 'low' },
      ],
    });
  });

  it('detail changes do not add ticket_updated when status or assignee changed too', () => {
    expect(diffTicket(base, { ...base, status: 'pending', priority: 'high' }).map((e) => e.type)).toEqual(['status_changed']);
    expect(diffTicket(base, { ...base, assignedToId: 9, subject: 'Y' }).map((e) => e.type)).toEqual(['ticket_assigned']);
  });

  it('status and assignee together give both events', () => {
    expect(diffTicket(base, { ...base, status: 'closed', assignedToId: 5 }).map((e) => e.type)).toEqual(['ticket_closed', 'ticket_assigned']);
  });

  it('fields the notifier does not watch make no event', () => {
    expect(diffTicket(base, { ...base, resolvedAt: new Date() } as TicketState)).toEqual([]);
  });
});

describe('diffTicket with a host app’s own status vocabulary', () => {
  const meaning = { resolved: ['solved', 'fixed'], closed: ['archived'] };
  const ticket = { ...base, status: 'todo' };

  it('every value listed as resolved or closed makes that event, naming the value', () => {
    expect(diffTicket(ticket, { ...ticket, status: 'solved' }, meaning)).toEqual([{ type: 'ticket_resolved', from: 'todo', to: 'solved' }]);
    expect(diffTicket(ticket, { ...ticket, status: 'fixed' }, meaning)).toEqual([{ type: 'ticket_resolved', from: 'todo', to: 'fixed' }]);
    expect(diffTicket(ticket, { ...ticket, status: 'archived' }, meaning)).toEqual([{ type: 'ticket_closed', from: 'todo', to: 'archived' }]);
  });

  it('a value the vocabulary does not list is a plain status change, even one named like ours', () => {
    expect(diffTicket(ticket, { ...ticket, status: 'resolved' }, meaning)).toEqual([{ type: 'status_changed', from: 'todo', to: 'resolved' }]);
    expect(diffTicket({ ...ticket, status: 'solved' }, { ...ticket, status: 'fixed' }, meaning)).toEqual([
      { type: 'ticket_resolved', from: 'solved', to: 'fixed' },
    ]);
  });

  it('string ids: the same assignee is no assignment, another one is', () => {
    const a = { ...ticket, id: 'ck1', customerId: 'c1', createdById: 's1', assignedToId: 's1' };
    expect(diffTicket(a, { ...a }, meaning)).toEqual([]);
    expect(diffTicket(a, { ...a, assignedToId: 's2' }, meaning)).toEqual([{ type: 'ticket_assigned', fromAssigneeId: 's1', toAssigneeId: 's2' }]);
  });
});
