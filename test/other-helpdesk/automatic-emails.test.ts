import { runAs } from '../../src';
import { SITE_URL } from '../support/notifier-harness';
import { delivered as deliveredBy, withOtherHarness, type Cast, type OtherHarness } from './support/harness';

// test/pipeline/automatic-emails.test.ts, on a helpdesk whose tickets are
// issues with cuid ids and whose statuses are its own words.

let h: OtherHarness;
let people: Cast;
withOtherHarness((harness, cast) => ((h = harness), (people = cast)));

const db = () => h.app;
const delivered = () => deliveredBy(h);

async function newIssue(data: Partial<{ ownerId: string | null; title: string }> = {}) {
  return h.db.prisma.issue.create({
    data: { title: data.title ?? 'Printer on fire', requesterId: people.carol.id, reporterId: people.cyd.id, ownerId: data.ownerId ?? null },
  });
}

describe('automatic emails on another schema', () => {
  it('issue created: the requester and the owner, each once, with the cuid as the ticket number and in the link', async () => {
    const t = await db().issue.create({
      data: { title: 'Printer on fire', body: 'Smoke everywhere', requesterId: people.carol.id, reporterId: people.cyd.id, ownerId: people.ada.id },
    });
    expect(t.id).toMatch(/^c[a-z0-9]{20,}$/);
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] New ticket: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] New ticket: Printer on fire`],
    });
    for (const m of h.mail.messages) {
      expect(m.parsed.html).toContain(`href="${SITE_URL}/tickets/${t.id}"`);
      expect(m.parsed.text).toContain(`${SITE_URL}/tickets/${t.id}`);
      expect(m.parsed.text).toContain('Smoke everywhere');
      expect(m.parsed.headers.get('x-ticket-event')).toBe('ticket_created');
    }
    const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: t.id } });
    expect(rows.map((r) => [r.recipientKind, r.recipientId]).sort()).toEqual([
      ['customer', people.carol.id],
      ['user', people.ada.id],
    ]);
  });

  it('issue created without an owner: only the requester', async () => {
    const t = await db().issue.create({ data: { title: 'No one yet', requesterId: people.carol.id, reporterId: people.cyd.id } });
    expect(await delivered()).toEqual({ 'carol@customer.test': [`[#${t.id}] New ticket: No one yet`] });
  });

  it('owner change: only the new owner, told who had it', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { ownerId: people.bob.id } });
    expect(await delivered()).toEqual({ 'bob@staff.test': [`[#${t.id}] Assigned to you: Printer on fire`] });
    expect(h.mail.messages[0].parsed.text).toContain('Ada Agent');
  });

  it("state change: requester and owner, in the app's own status words", async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { state: 'doing' } });
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] Status changed: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] Status changed: Printer on fire`],
    });
    expect(h.mail.messages[0].parsed.text).toMatch(/todo → doing/);
  });

  it.each([
    ['solved', 'Resolved', 'ticket_resolved'],
    ['archived', 'Closed', 'ticket_closed'],
  ] as const)('state → %s is the vocabulary\'s word for %s: its own email to requester and owner, not status_changed too', async (state, title, event) => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { state } });
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] ${title}: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] ${title}: Printer on fire`],
    });
    for (const m of h.mail.messages) expect(m.parsed.headers.get('x-ticket-event')).toBe(event);
  });

  it('the actor is not emailed about their own change', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await runAs({ kind: 'user', id: people.ada.id }, () => db().issue.update({ where: { id: t.id }, data: { state: 'solved' } }));
    expect(await delivered()).toEqual({ 'carol@customer.test': [`[#${t.id}] Resolved: Printer on fire`] });
  });

  it('a requester acting on their own issue is not emailed either', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await runAs({ kind: 'customer', id: people.carol.id }, () => db().issue.update({ where: { id: t.id }, data: { state: 'waiting' } }));
    expect(await delivered()).toEqual({ 'ada@staff.test': [`[#${t.id}] Status changed: Printer on fire`] });
  });

  it('detail change (title, deadline): the owner, listing what changed', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { title: 'Printer on fire!', deadline: new Date('2026-12-01T12:00:00Z') } });
    expect(await delivered()).toEqual({ 'ada@staff.test': [`[#${t.id}] Ticket updated: Printer on fire!`] });
    expect(h.mail.messages[0].parsed.text).toMatch(/Printer on fire → Printer on fire!/);
  });

  it('an urgency change, a free-text field here, reaches the owner as it is stored', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { urgency: 'sky_high' } });
    expect(await delivered()).toEqual({ 'ada@staff.test': [`[#${t.id}] Ticket updated: Printer on fire`] });
    expect(h.mail.messages[0].parsed.text).toContain('sky high');
  });

  it('an update that rewrites the same values sends nothing', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { state: 'todo', title: 'Printer on fire', ownerId: people.ada.id } });
    expect(await delivered()).toEqual({});
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: t.id } })).toBe(0);
  });

  it('public note: requester and owner; the writer is left out', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issueNote.create({ data: { issueId: t.id, writerId: people.bob.id, text: 'We are on it.' } });
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] New comment: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] New comment: Printer on fire`],
    });
    expect(h.mail.to('carol@customer.test')[0].parsed.text).toContain('We are on it.');
  });

  it('private note: owner, reporter and earlier private-note writers; never the requester', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await h.db.prisma.issueNote.create({ data: { issueId: t.id, writerId: people.bob.id, text: 'earlier note', isPrivate: true } });
    await db().issueNote.create({ data: { issueId: t.id, writerId: people.ada.id, text: 'SECRET: requester owes us money', isPrivate: true } });
    const got = await delivered();
    expect(got).toEqual({
      'bob@staff.test': [`[#${t.id}] Internal note: Printer on fire`],
      'cyd@staff.test': [`[#${t.id}] Internal note: Printer on fire`],
    });
    for (const m of h.mail.messages) expect(m.raw).not.toContain('carol@customer.test');
  });

  it('updateMany diffs every issue it changes', async () => {
    const a = await newIssue({ title: 'Bulk A', ownerId: people.ada.id });
    const b = await newIssue({ title: 'Bulk B', ownerId: people.bob.id });
    const result = await db().issue.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { state: 'archived' } });
    expect(result).toEqual({ count: 2 });
    const got = await delivered();
    expect(got['carol@customer.test'].sort()).toEqual([`[#${a.id}] Closed: Bulk A`, `[#${b.id}] Closed: Bulk B`].sort());
    expect(got['ada@staff.test']).toEqual([`[#${a.id}] Closed: Bulk A`]);
    expect(got['bob@staff.test']).toEqual([`[#${b.id}] Closed: Bulk B`]);
  });

  it('updateMany whose filter is the field it changes still sees every issue (bulk reassign)', async () => {
    const a = await newIssue({ title: 'Reassign A', ownerId: people.ada.id });
    const b = await newIssue({ title: 'Reassign B', ownerId: people.ada.id });
    await db().issue.updateMany({ where: { ownerId: people.ada.id, id: { in: [a.id, b.id] } }, data: { ownerId: people.bob.id } });
    expect((await delivered())['bob@staff.test'].sort()).toEqual([`[#${a.id}] Assigned to you: Reassign A`, `[#${b.id}] Assigned to you: Reassign B`].sort());
  });

  it('a note created inside an issue update (notes: { create }) notifies like a direct one', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { notes: { create: { writerId: people.bob.id, text: 'nested hello' } } } });
    const got = await delivered();
    expect(got).toEqual({
      'carol@customer.test': [`[#${t.id}] New comment: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] New comment: Printer on fire`],
    });
    expect(h.mail.to('carol@customer.test')[0].parsed.text).toContain('nested hello');
  });

  it('a private note created inside an issue update stays away from the requester', async () => {
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { state: 'doing', notes: { create: { writerId: people.bob.id, text: 'nested SECRET', isPrivate: true } } } });
    const got = await delivered();
    expect(got['carol@customer.test']).toEqual([`[#${t.id}] Status changed: Printer on fire`]);
    for (const m of h.mail.to('carol@customer.test')) expect(m.raw).not.toContain('nested SECRET');
    // One email per recipient and write, as on this repository's schema: the owner's status email carries the note.
    expect(got['ada@staff.test']).toEqual([`[#${t.id}] Status changed: Printer on fire`]);
    expect(h.mail.to('ada@staff.test')[0].parsed.text).toContain('nested SECRET');
    expect(got['cyd@staff.test']).toEqual([`[#${t.id}] Internal note: Printer on fire`]);
    expect(h.mail.to('cyd@staff.test')[0].parsed.text).toContain('nested SECRET');
  });

  it('createMany and upsert notify each created issue', async () => {
    await db().issue.createMany({
      data: [
        { title: 'Many 1', requesterId: people.carol.id, reporterId: people.cyd.id },
        { title: 'Many 2', requesterId: people.carol.id, reporterId: people.cyd.id },
      ],
    });
    const up = await db().issue.upsert({
      where: { id: 'cnotthereyet0000000000000' },
      create: { title: 'Upserted', requesterId: people.carol.id, reporterId: people.cyd.id },
      update: {},
    });
    const subjects = (await delivered())['carol@customer.test'].sort();
    expect(subjects).toHaveLength(3);
    expect(subjects).toContain(`[#${up.id}] New ticket: Upserted`);
  });

  it('a requester without an email address is skipped; the others still get theirs', async () => {
    const nomail = await h.db.prisma.requester.create({ data: { displayName: 'No Mail' } });
    const t = await db().issue.create({ data: { title: 'No address', requesterId: nomail.id, reporterId: people.cyd.id, ownerId: people.ada.id } });
    expect(await delivered()).toEqual({ 'ada@staff.test': [`[#${t.id}] New ticket: No address`] });
  });

  it('a disabled agent (enabled: false) gets nothing', async () => {
    const gone = await h.db.prisma.agent.create({ data: { fullName: 'Gone Agent', workEmail: 'gone@staff.test', enabled: false } });
    const t = await db().issue.create({ data: { title: 'To nobody on staff', requesterId: people.carol.id, reporterId: people.cyd.id, ownerId: gone.id } });
    expect(await delivered()).toEqual({ 'carol@customer.test': [`[#${t.id}] New ticket: To nobody on staff`] });
  });

  it("an agent's language field picks the language of their emails", async () => {
    const dora = await h.db.prisma.agent.create({ data: { fullName: 'Dora Deutsch', workEmail: 'dora@staff.test', language: 'de' } });
    const t = await newIssue({ ownerId: people.ada.id });
    await db().issue.update({ where: { id: t.id }, data: { ownerId: dora.id } });
    expect(Object.keys(await delivered())).toEqual(['dora@staff.test']);
    expect(h.mail.to('dora@staff.test')[0].parsed.text).toContain('Zugewiesen');
  });
});
