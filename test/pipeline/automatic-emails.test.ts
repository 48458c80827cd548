import { runAs } from '../../src';
import { SITE_URL, type Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const db = () => h.notifier.client;

/** Delivers what is due and returns who got which subject. */
async function delivered(): Promise<Record<string, string[]>> {
  await h.notifier.drain();
  const out: Record<string, string[]> = {};
  for (const m of h.mail.messages) for (const to of m.envelopeTo) (out[to] ??= []).push(m.parsed.subject ?? '');
  return out;
}

async function newTicket(data: Partial<{ assignedToId: number | null; subject: string }> = {}) {
  const t = await h.db.prisma.ticket.create({
    data: { subject: data.subject ?? 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: data.assignedToId ?? null },
  });
  return t;
}

describe(`automatic emails`, () => {

  // One email per person per write: the status email to the team carries the write's notes too, and the
  // customer's carries only the public one.
  it('a status change with notes in the same write: each note is in the email of those who may read it', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({
      where: { id: t.id },
      data: {
        status: 'pending',
        comments: {
          create: [
            { authorId: people.cyd.id, content: 'Private: the vendor owes us a new fuser.', isInternal: true },
            { authorId: people.cyd.id, content: 'We are waiting for a part.', isInternal: false },
          ],
        },
      },
    });
    await h.notifier.drain();
    const to = (address: string) => h.mail.messages.filter((m) => m.envelopeTo.includes(address));
    expect(to('ada@staff.test')).toHaveLength(1);
    expect(to('carol@customer.test')).toHaveLength(1);
    const [ada] = to('ada@staff.test');
    const [carol] = to('carol@customer.test');
    for (const body of [ada.parsed.text, ada.parsed.html]) {
      expect(body).toContain('the vendor owes us a new fuser');
      expect(body).toContain('We are waiting for a part.');
    }
    for (const body of [carol.parsed.text, carol.parsed.html, carol.raw]) expect(String(body)).not.toContain('fuser');
    expect(carol.parsed.text).toContain('We are waiting for a part.');
  });
  it('ticket_created: the customer and the assignee, each once, with HTML, text and a link to the ticket', async () => {
    const t = await db().ticket.create({
      data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
    });
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] New ticket: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] New ticket: Printer on fire`],
    });
    for (const m of h.mail.messages) {
      expect(m.parsed.html).toContain(`href="${SITE_URL}/tickets/${t.id}"`);
      expect(m.parsed.text).toContain(`${SITE_URL}/tickets/${t.id}`);
      expect(m.parsed.from?.value[0]).toMatchObject({ name: 'Helpdesk', address: 'support@helpdesk.test' });
    }
  });

  it('ticket_created without an assignee: only the customer', async () => {
    const t = await db().ticket.create({ data: { subject: 'No one yet', customerId: people.carol.id, createdById: people.cyd.id } });
    expect(await delivered()).toEqual({ 'carol@customer.test': [`[#${t.id}] New ticket: No one yet`] });
  });

  it('ticket_assigned: only the new assignee', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({ where: { id: t.id }, data: { assignedToId: people.bob.id } });
    expect(await delivered()).toEqual({ 'bob@staff.test': [`[#${t.id}] Assigned to you: Printer on fire`] });
    expect(h.mail.messages[0].parsed.text).toContain('Ada Agent');
  });

  it('status_changed: customer and assignee', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({ where: { id: t.id }, data: { status: 'in_progress' } });
    const got = await delivered();
    expect(got).toEqual({
      'carol@customer.test': [`[#${t.id}] Status changed: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] Status changed: Printer on fire`],
    });
    expect(h.mail.messages[0].parsed.text).toMatch(/New → In progress/);
  });

  it.each([
    ['resolved', 'Resolved'],
    ['closed', 'Closed'],
  ] as const)('status → %s sends its own email to customer and assignee, not status_changed too', async (status, title) => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({ where: { id: t.id }, data: { status } });
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] ${title}: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] ${title}: Printer on fire`],
    });
  });

  it('the actor is not emailed about their own change', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await runAs(people.ada, () => db().ticket.update({ where: { id: t.id }, data: { status: 'resolved' } }));
    expect(await delivered()).toEqual({ 'carol@customer.test': [`[#${t.id}] Resolved: Printer on fire`] });
  });

  it('status and assignee in one write: the new assignee gets one email that says both', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({ where: { id: t.id }, data: { status: 'in_progress', assignedToId: people.bob.id } });
    const got = await delivered();
    expect(got['bob@staff.test']).toEqual([`[#${t.id}] Assigned to you: Printer on fire`]);
    expect(got['carol@customer.test']).toEqual([`[#${t.id}] Status changed: Printer on fire`]);
    expect(got['ada@staff.test']).toBeUndefined();
    const bobs = h.mail.to('bob@staff.test')[0].parsed.text!;
    expect(bobs).toMatch(/Status: New → In progress/);
  });

  it('comment_added (public): customer and assignee; the author is left out', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'We are on it.\nSecond line.' } });
    expect(await delivered()).toEqual({
      'carol@customer.test': [`[#${t.id}] New comment: Printer on fire`],
      'ada@staff.test': [`[#${t.id}] New comment: Printer on fire`],
    });
    const html = h.mail.to('carol@customer.test')[0].parsed.html as string;
    expect(html).toMatch(/We are on it\.<br\/?>(<\/span><span>)?Second line\./);
  });

  it('comment_added (internal): assignee, ticket creator and earlier internal authors; never the customer', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await h.db.prisma.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'earlier note', isInternal: true } });
    await db().ticketComment.create({ data: { ticketId: t.id, authorId: people.ada.id, content: 'SECRET: customer owes us money', isInternal: true } });
    const got = await delivered();
    expect(Object.keys(got).sort()).toEqual(['bob@staff.test', 'cyd@staff.test']);
    expect(got['bob@staff.test']).toEqual([`[#${t.id}] Internal note: Printer on fire`]);
    for (const m of h.mail.messages) expect(m.raw).not.toContain('carol@customer.test');
  });

  it('ticket_updated: the assignee, listing what changed', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({ where: { id: t.id }, data: { priority: 'urgent', subject: 'Printer on fire!' } });
    expect(await delivered()).toEqual({ 'ada@staff.test': [`[#${t.id}] Ticket updated: Printer on fire!`] });
    expect(h.mail.messages[0].parsed.text).toMatch(/Priority: Medium → Urgent/);
  });

  it('an update that rewrites the same values sends nothing', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({ where: { id: t.id }, data: { status: 'new', subject: 'Printer on fire', assignedToId: people.ada.id } });
    expect(await delivered()).toEqual({});
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(0);
  });

  it('updateMany notifies every affected ticket (bulk close)', async () => {
    const a = await newTicket({ subject: 'Bulk A', assignedToId: people.ada.id });
    const b = await newTicket({ subject: 'Bulk B', assignedToId: people.bob.id });
    const result = await db().ticket.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { status: 'closed' } });
    expect(result).toEqual({ count: 2 });
    const got = await delivered();
    expect(got['carol@customer.test'].sort()).toEqual([`[#${a.id}] Closed: Bulk A`, `[#${b.id}] Closed: Bulk B`]);
    expect(got['ada@staff.test']).toEqual([`[#${a.id}] Closed: Bulk A`]);
    expect(got['bob@staff.test']).toEqual([`[#${b.id}] Closed: Bulk B`]);
  });

  it('updateMany whose filter is the field it changes still sees every ticket (bulk reassign)', async () => {
    const a = await newTicket({ subject: 'Reassign A', assignedToId: people.ada.id });
    const b = await newTicket({ subject: 'Reassign B', assignedToId: people.ada.id });
    await db().ticket.updateMany({ where: { assignedToId: people.ada.id, id: { in: [a.id, b.id] } }, data: { assignedToId: people.bob.id } });
    expect((await delivered())['bob@staff.test'].sort()).toEqual([`[#${a.id}] Assigned to you: Reassign A`, `[#${b.id}] Assigned to you: Reassign B`]);
  });

  it('a comment created by a nested write notifies like a direct one', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    await db().ticket.update({
      where: { id: t.id },
      data: { comments: { create: { authorId: people.bob.id, content: 'nested hello' } } },
    });
    const got = await delivered();
    expect(got['carol@customer.test']).toEqual([`[#${t.id}] New comment: Printer on fire`]);
    expect(h.mail.to('carol@customer.test')[0].parsed.text).toContain('nested hello');
  });

  it('createMany and upsert notify each created ticket', async () => {
    await db().ticket.createMany({
      data: [
        { subject: 'Many 1', customerId: people.carol.id, createdById: people.cyd.id },
        { subject: 'Many 2', customerId: people.carol.id, createdById: people.cyd.id },
      ],
    });
    const up = await db().ticket.upsert({
      where: { id: 999_999 },
      create: { subject: 'Upserted', customerId: people.carol.id, createdById: people.cyd.id },
      update: {},
    });
    const subjects = (await delivered())['carol@customer.test'].sort();
    expect(subjects).toHaveLength(3);
    expect(subjects).toContain(`[#${up.id}] New ticket: Upserted`);
    await db().ticket.upsert({ where: { id: up.id }, create: { subject: 'x', customerId: people.carol.id, createdById: people.cyd.id }, update: { status: 'open' } });
    expect((await delivered())['carol@customer.test']).toContain(`[#${up.id}] Status changed: Upserted`);
  });

  it('keeps what the caller selected and nothing more', async () => {
    const t = await newTicket({ assignedToId: people.ada.id });
    const r = await db().ticket.update({ where: { id: t.id }, data: { status: 'open' }, select: { status: true } });
    expect(r).toEqual({ status: 'open' });
    expect(Object.keys(await delivered()).sort()).toEqual(['ada@staff.test', 'carol@customer.test']);
  });

  it('emails carry the brand from the environment', async () => {
    const branded = h.makeNotifier({ BRAND_NAME: 'Acme Support', BRAND_COLOR: '#ff6600' });
    await branded.client.ticket.create({ data: { subject: 'Branded', customerId: people.carol.id, createdById: people.cyd.id } });
    await branded.drain();
    const [m] = h.mail.messages;
    expect(m.parsed.html).toContain('Acme Support');
    expect(m.parsed.html).toContain('#ff6600');
  });

  it('a customer without an email address is skipped; the others still get theirs', async () => {
    const nomail = await h.db.prisma.customer.create({ data: { name: 'No Mail' } });
    const t = await db().ticket.create({ data: { subject: 'No address', customerId: nomail.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
    expect(await delivered()).toEqual({ 'ada@staff.test': [`[#${t.id}] New ticket: No address`] });
  });
});
