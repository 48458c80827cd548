import fc from 'fast-check';
import { buildDigestPayload, digestKey, entryOf, excerpt, groupByTicket, type HeldRow } from '../../src/digest';
import type { EmailPayload } from '../../src/notifications';
import { digestSubject } from '../../src/rendering/digest-subject';
import { changeLines, digestCounts, entryTitle, ticketLine } from '../../emails/_components/digest-lines';

const payload = (ticketId: number, more: Partial<EmailPayload> = {}): EmailPayload => ({
  event: 'status_changed',
  audience: 'staff',
  recipient: { name: 'Ada', reason: 'assignee' },
  locale: 'en',
  brand: null,
  ticket: { id: ticketId, subject: `Ticket ${ticketId}`, description: '', status: 'open', priority: 'high', dueDate: null, customerName: 'Carol', assigneeName: 'Ada' },
  actorName: 'Bob',
  created: false,
  status: { from: 'new', to: 'open' },
  assignment: null,
  changes: [],
  comments: [],
  overdue: null,
  ...more,
});

const held = (id: number, p: EmailPayload, at = '2026-11-25T10:00:00.000Z'): HeldRow => ({ id, createdAt: new Date(at), payload: p });

describe('excerpt', () => {
  it('keeps short text, folding whitespace', () => {
    expect(excerpt('  Fixed\n\nthe  printer\t ')).toBe('Fixed the printer');
    expect(excerpt('')).toBe('');
  });

  it('cuts long text at a word boundary and marks the cut', () => {
    expect(excerpt('aaaa bbbb cccc dddd', 12)).toBe('aaaa bbbb…');
    // One long word: cut inside it rather than keep nothing.
    expect(excerpt('a ' + 'x'.repeat(50), 10)).toBe(`a ${'x'.repeat(8)}…`);
  });

  it('never splits a character made of two UTF-16 units', () => {
    expect(excerpt('😀'.repeat(20), 5)).toBe('😀😀😀😀😀…');
  });

  it('for any text: at most max characters plus the ellipsis, no line breaks, and a prefix of the folded text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = excerpt(text, max);
        const folded = text.replace(/\s+/g, ' ').trim();
        expect(out).not.toMatch(/[\n\r\t]/);
        if (Array.from(folded).length <= max) expect(out).toBe(folded);
        else {
          expect(out.endsWith('…')).toBe(true);
          expect(Array.from(out).length).toBeLessThanOrEqual(max + 1);
          expect(folded.startsWith(out.slice(0, -1))).toBe(true);
        }
      }),
    );
  });
});

describe('grouping held emails by ticket', () => {
  it('groups by ticket in the order of first activity, entries oldest first, facts from the latest email', () => {
    const rows = [
      held(7, payload(2, { event: 'comment_added', status: null, comments: [{ id: 1, authorName: 'Cyd', content: 'Internal  thought', isInternal: true, createdAt: '', attachments: [] }] })),
      held(3, payload(1, { event: 'ticket_created', created: true, status: null })),
      held(5, payload(2, { ticket: { ...payload(2).ticket, subject: 'Old subject', status: 'new' } })),
      held(9, payload(1, { ticket: { ...payload(1).ticket, subject: 'Renamed', status: 'pending', assigneeName: null } })),
    ];
    const tickets = groupByTicket(rows);
    expect(tickets.map((t) => t.id)).toEqual([1, 2]);
    expect(tickets[0]).toMatchObject({ subject: 'Renamed', status: 'pending', assigneeName: null });
    expect(tickets[0].entries.map((e) => e.event)).toEqual(['ticket_created', 'status_changed']);
    expect(tickets[1]).toMatchObject({ subject: 'Ticket 2', status: 'open' });
    expect(tickets[1].entries.map((e) => e.event)).toEqual(['status_changed', 'comment_added']);
    expect(tickets[1].entries[1].comments).toEqual([{ authorName: 'Cyd', excerpt: 'Internal thought', isInternal: true, attachments: [] }]);
  });

  it('every held row is in exactly one entry, whatever the order and tickets', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 10_000 }), ticket: fc.integer({ min: 1, max: 5 }) }), { selector: (r) => r.id, maxLength: 40 }), (specs) => {
        const rows = specs.map((s) => held(s.id, payload(s.ticket), new Date(1_700_000_000_000 + s.id * 1000).toISOString()));
        const tickets = groupByTicket(rows);
        expect(tickets.reduce((n, t) => n + t.entries.length, 0)).toBe(rows.length);
        expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
        for (const t of tickets) {
          const times = t.entries.map((e) => e.at);
          expect(times).toEqual([...times].sort());
        }
      }),
    );
  });

  it('an entry keeps what happened and names attachments by file name only', () => {
    const e = entryOf(
      held(1, payload(4, {
        event: 'ticket_assigned',
        status: null,
        assignment: { fromName: 'Bob', toName: 'Ada' },
        changes: [{ field: 'priority', from: 'low', to: 'urgent' }],
        comments: [{ id: 2, authorName: 'Carol', content: 'See photo', isInternal: false, createdAt: '', attachments: [{ id: 1, filename: 'a.png', contentType: 'image/png', path: '/srv/a.png', url: null, size: 3 }] }],
      })),
    );
    expect(e).toEqual({
      event: 'ticket_assigned',
      at: '2026-11-25T10:00:00.000Z',
      actorName: 'Bob',
      created: false,
      status: null,
      assignment: { fromName: 'Bob', toName: 'Ada' },
      changes: [{ field: 'priority', from: 'low', to: 'urgent' }],
      comments: [{ authorName: 'Carol', excerpt: 'See photo', isInternal: false, attachments: ['a.png'] }],
      overdue: null,
    });
  });

  it('builds the payload with the current name and language and counts the updates', () => {
    const p = buildDigestPayload({ name: 'Ada Now', locale: 'de', day: '2026-11-25', rows: [held(1, payload(1)), held(2, payload(2)), held(3, payload(1))] });
    expect(p).toMatchObject({ event: 'daily_digest', audience: 'staff', recipient: { name: 'Ada Now' }, locale: 'de', day: '2026-11-25', updates: 3 });
    expect(p.tickets).toHaveLength(2);
  });

  it('keys a digest by person and the lowest held row it covers', () => {
    expect(digestKey('user', '4', 17)).toBe('digest:user:4:17');
  });
});

describe('digest text', () => {
  const p = buildDigestPayload({ name: 'Ada', locale: 'en', day: '2026-11-25', rows: [held(1, payload(1)), held(2, payload(2)), held(3, payload(3))] });

  it('says the counts in the subject, singular and plural, in English and German', () => {
    expect(digestSubject(p, 'Helpdesk')).toBe('[Helpdesk] Your daily summary: 3 updates on 3 tickets');
    const one = buildDigestPayload({ name: 'Ada', locale: 'en', day: '2026-11-25', rows: [held(1, payload(1))] });
    expect(digestSubject(one, 'Acme Support')).toBe('[Acme Support] Your daily summary: 1 update on 1 ticket');
    expect(digestSubject({ ...p, locale: 'de' }, 'Helpdesk')).toBe('[Helpdesk] Ihre tägliche Zusammenfassung: 3 Neuigkeiten zu 3 Tickets');
    expect(digestSubject({ ...one, locale: 'de' }, 'Helpdesk')).toBe('[Helpdesk] Ihre tägliche Zusammenfassung: 1 Neuigkeit zu 1 Ticket');
    expect(digestSubject({ ...p, locale: undefined }, 'Help\r\ndesk')).toBe('[Help desk] Your daily summary: 3 updates on 3 tickets');
    expect(digestCounts('en', 0, 0)).toEqual({ updates: '0 updates', tickets: '0 tickets' });
  });

  it('describes each entry: time, title, actor, and one line per change', () => {
    const e = entryOf(held(1, payload(1, { assignment: { fromName: null, toName: 'Ada' }, changes: [{ field: 'description', from: 'a', to: 'b' }, { field: 'dueDate', from: null, to: '2026-12-01T00:00:00.000Z' }], overdue: { dueDate: '2026-11-20T00:00:00.000Z' } })));
    expect(entryTitle('en', e)).toBe('10:00 UTC · Status changed, by Bob');
    expect(entryTitle('de', { ...e, actorName: null })).toBe('10:00 UTC · Status geändert');
    expect(changeLines('en', e)).toEqual(['Status: New → Open', 'Assigned to Ada', 'Description changed', 'Due date: none → 1 Dec 2026', 'Was due on 20 Nov 2026 and is still open']);
    const note = entryOf(held(2, payload(1, { event: 'comment_added', status: null, comments: [{ id: 1, authorName: 'Cyd', content: 'x', isInternal: true, createdAt: '' }] })));
    expect(entryTitle('en', note)).toBe('10:00 UTC · Internal note, by Bob');
    expect(ticketLine('en', p.tickets[0])).toBe('Status: Open · Priority: High · Assigned to: Ada');
  });
});
