import { UnboundTransactionError } from '../../src';
import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const db = () => h.notifier.client;
// What a write leaves behind for mail: its change event until a sender plans it, then outbox rows.
const outboxRows = async () => (await h.db.prisma.emailOutbox.count()) + (await h.db.prisma.changeEvent.count());
const ticketData = () => ({ subject: 'Tx ticket', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id });

describe('emails follow the transaction of the write', () => {
  it('a write that fails leaves no outbox rows and sends nothing', async () => {
    const before = await outboxRows();
    // The comment's author does not exist: the insert fails, after the ticket part would have queued mail.
    await expect(
      db().ticket.create({ data: { ...ticketData(), comments: { create: { authorId: 987654, content: 'x' } } } }),
    ).rejects.toThrow();
    expect(await outboxRows()).toBe(before);
    await h.notifier.drain();
    expect(h.mail.messages).toHaveLength(0);
  });

  it('an interactive transaction that throws leaves no ticket, no row and no email', async () => {
    const before = await outboxRows();
    const tickets = await h.db.prisma.ticket.count();
    await expect(
      db().$transaction(async (tx) => {
        const t = await tx.ticket.create({ data: ticketData() });
        await tx.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'inside tx' } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await h.db.prisma.ticket.count()).toBe(tickets);
    expect(await outboxRows()).toBe(before);
    await h.notifier.drain();
    expect(h.mail.messages).toHaveLength(0);
  });

  it('an interactive transaction that commits sends every email of every write in it, after the commit', async () => {
    let rowsSeenOutside = -1;
    const t = await db().$transaction(async (tx) => {
      const created = await tx.ticket.create({ data: ticketData() });
      await tx.ticket.update({ where: { id: created.id }, data: { status: 'open' } });
      // Another connection must not see the rows before the commit (SQLite has one writer, so only check PostgreSQL).
      if (h.db.provider === 'postgresql') rowsSeenOutside = await h.db.prisma.changeEvent.count();
      return created;
    });
    if (h.db.provider === 'postgresql') expect(rowsSeenOutside).toBe(0);
    await h.notifier.planChanges();
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBeGreaterThanOrEqual(3);
    await h.notifier.drain();
    const subjects = h.mail.to('carol@customer.test').map((m) => m.parsed.subject);
    expect(subjects.sort()).toEqual([`[#${t.id}] New ticket: Tx ticket`, `[#${t.id}] Status changed: Tx ticket`]);
  });

  it('a write through the outer client inside a callback commits on its own, and its emails with it, whatever the transaction does', async () => {
    const subject = `Outside the transaction ${Date.now()}`;
    await expect(
      db().$transaction(async () => {
        // Not `tx`: Prisma runs this write outside the transaction, and it commits whatever follows.
        await db().ticket.create({ data: { ...ticketData(), subject } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const t = await h.db.prisma.ticket.findFirstOrThrow({ where: { subject } });
    await h.notifier.planChanges();
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(2);
    await h.notifier.drain();
    expect(h.mail.to('carol@customer.test').map((m) => m.parsed.subject)).toEqual([`[#${t.id}] New ticket: ${subject}`]);
  });

  // On SQLite the client has one connection: the inner transaction waits for the outer one, with bare Prisma too.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
  onPostgres('a transaction started inside another one keeps its own emails: it commits, the outer one rolls back', async () => {
    const subject = `Inner transaction ${Date.now()}`;
    await expect(
      db().$transaction(async (outer) => {
        await outer.ticket.create({ data: { ...ticketData(), subject: `${subject} (rolled back)` } });
        await db().$transaction(async (inner) => inner.ticket.create({ data: { ...ticketData(), subject } }));
        throw new Error('outer changed its mind');
      }),
    ).rejects.toThrow('outer changed its mind');
    expect(await h.db.prisma.ticket.count({ where: { subject: `${subject} (rolled back)` } })).toBe(0);
    const t = await h.db.prisma.ticket.findFirstOrThrow({ where: { subject } });
    await h.notifier.drain();
    expect(h.mail.to('carol@customer.test').map((m) => m.parsed.subject)).toEqual([`[#${t.id}] New ticket: ${subject}`]);
  });

  it('a callback that returns the query without awaiting it is still inside the transaction', async () => {
    const t = await h.db.prisma.ticket.create({ data: ticketData() });
    await db().$transaction((tx) => tx.ticket.update({ where: { id: t.id }, data: { status: 'pending' } }));
    await h.notifier.planChanges();
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(2);
  });

  it('an array $transaction of notifying writes is refused with a clear error, and changes nothing', async () => {
    const t = await h.db.prisma.ticket.create({ data: ticketData() });
    await expect(db().$transaction([db().ticket.update({ where: { id: t.id }, data: { status: 'open' } })])).rejects.toThrow(
      UnboundTransactionError,
    );
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('new');
  });

  it('reads in an array $transaction still work', async () => {
    const [count] = await db().$transaction([db().ticket.count()]);
    expect(count).toBeGreaterThan(0);
  });

  it('the extension on a client whose transactions it cannot see refuses writes inside them', async () => {
    const { ticketNotifications } = await import('../../src');
    const unbound = h.db.prisma.$extends(
      ticketNotifications({
        provider: h.db.provider,
        onCommitted: () => undefined,
      }),
    );
    const t = await h.db.prisma.ticket.create({ data: ticketData() });
    // Outside a transaction it works on its own.
    await unbound.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
    await h.notifier.drain();
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id) } })).toBe(2);
    await expect(
      unbound.$transaction(async (tx) => tx.ticket.update({ where: { id: t.id }, data: { status: 'pending' } })),
    ).rejects.toThrow(UnboundTransactionError);
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('open');
  });
});
