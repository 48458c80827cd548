import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

// A write records one change event in its own transaction; a sender plans it into outbox rows after
// the commit, once, and deletes it in the same transaction.
let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const ticketData = (subject: string) => ({ subject, customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id });

/** Inserts a change event as a forger with database access (or a bug) might, bypassing the write path. */
async function forgeEvent(writeKey: string, items: string) {
  const sql = h.db.provider === 'postgresql' ? 'INSERT INTO "ChangeEvent" ("writeKey", "items") VALUES ($1, $2::jsonb)' : 'INSERT INTO "ChangeEvent" ("writeKey", "items") VALUES (?, ?)';
  await h.db.prisma.$executeRawUnsafe(sql, writeKey, items);
}

describe('change events', () => {
  it('a write leaves one event and no outbox row until a sender plans it; planning deletes the event and queues each email once', async () => {
    // DELIVERY=worker: this process only records, so nothing plans behind the test's back.
    const n = h.makeNotifier({ DELIVERY: 'worker' });
    const t = await n.client.ticket.create({ data: ticketData('Recorded') });
    await n.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
    expect(await h.db.prisma.changeEvent.count()).toBe(2);
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(0);
    expect(await n.planChanges()).toBe(4);
    expect(await h.db.prisma.changeEvent.count()).toBe(0);
    // Planning again finds nothing to do: the events are gone with the commit that queued their rows.
    expect(await n.planChanges()).toBe(0);
    const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) }, orderBy: { id: 'asc' } });
    // Queued in the order the writes were made.
    expect(rows.map((r) => r.event)).toEqual(['ticket_created', 'ticket_created', 'status_changed', 'status_changed']);
    expect(rows.map((r) => r.recipientEmail).sort()).toEqual(['ada@staff.test', 'ada@staff.test', 'carol@customer.test', 'carol@customer.test']);
  });

  it('a write that changes nothing emails are about records nothing', async () => {
    const t = await h.db.prisma.ticket.create({ data: ticketData('Quiet') });
    await h.notifier.client.ticket.update({ where: { id: t.id }, data: { subject: 'Quiet' } });
    expect(await h.db.prisma.changeEvent.count()).toBe(0);
  });

  it('a write rolled back leaves no event', async () => {
    const t = await h.db.prisma.ticket.create({ data: ticketData('Rolled back') });
    await expect(
      h.notifier.client.$transaction(async (tx) => {
        await tx.ticket.update({ where: { id: t.id }, data: { status: 'closed' } });
        throw new Error('changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await h.db.prisma.changeEvent.count()).toBe(0);
  });

  it('events a process recorded and never planned (it stopped) are planned and sent by the next sender', async () => {
    const app = h.makeNotifier({ DELIVERY: 'worker' });
    const t = await app.client.ticket.create({ data: ticketData('Left behind') });
    await app.close();
    expect(await h.db.prisma.changeEvent.count()).toBe(1);
    const worker = h.makeNotifier();
    await worker.drain();
    expect(h.mail.to('carol@customer.test').map((m) => m.parsed.subject)).toEqual([`[#${t.id}] New ticket: Left behind`]);
    expect(await h.db.prisma.changeEvent.count()).toBe(0);
  });

  it('an event that cannot be planned is set aside with its error, and the events after it are planned', async () => {
    // PostgreSQL's jsonb refuses text that is not JSON; SQLite stores it.
    const forged = h.db.provider === 'sqlite' ? ['write:forged-not-json'] : [];
    if (h.db.provider === 'sqlite') await forgeEvent('write:forged-not-json', 'this is not JSON');
    await forgeEvent('write:forged-wrong-shape', JSON.stringify([{ ticket: null, events: [{ type: 'ticket_created' }] }]));
    const n = h.makeNotifier({ DELIVERY: 'worker' });
    const t = await n.client.ticket.create({ data: ticketData('After the bad ones') });
    expect(await n.planChanges()).toBe(2);
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(2);
    const aside = await h.db.prisma.changeEvent.findMany({ orderBy: { id: 'asc' }, select: { writeKey: true, lastError: true } });
    expect(aside.map((a) => a.writeKey)).toEqual([...forged, 'write:forged-wrong-shape']);
    expect(aside.every((a) => typeof a.lastError === 'string' && a.lastError.length > 0)).toBe(true);
    // Set aside stays set aside: later rounds neither retry it nor stop at it.
    await n.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
    expect(await n.planChanges()).toBe(2);
    expect(await h.db.prisma.changeEvent.count()).toBe(aside.length);
    await h.db.prisma.changeEvent.deleteMany();
  });
});
