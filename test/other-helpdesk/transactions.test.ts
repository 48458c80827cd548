import { withOtherHarness, type Cast, type OtherHarness } from './support/harness';

// test/pipeline/transactions.test.ts on the second helpdesk: the outbox rows
// follow the transaction of the write, whatever the host's models are called.

let h: OtherHarness;
let people: Cast;
withOtherHarness((harness, cast) => ((h = harness), (people = cast)));

const db = () => h.app;
// What a write leaves behind for mail: its change event until a sender plans it, then outbox rows.
const outboxRows = async () => (await h.db.prisma.emailOutbox.count()) + (await h.db.prisma.changeEvent.count());
const issueData = () => ({ title: 'Tx issue', requesterId: people.carol.id, reporterId: people.cyd.id, ownerId: people.ada.id });

describe('emails follow the transaction of the write, on another schema', () => {
  it('a write that fails leaves no outbox rows and sends nothing', async () => {
    const before = await outboxRows();
    // The note's writer does not exist: the insert fails, after the issue part would have queued mail.
    await expect(db().issue.create({ data: { ...issueData(), notes: { create: { writerId: 'cnosuchagent000000000000', text: 'x' } } } })).rejects.toThrow();
    expect(await outboxRows()).toBe(before);
    await h.notifier.drain();
    expect(h.mail.messages).toHaveLength(0);
  });

  it('an interactive transaction that throws leaves no issue, no row and no email', async () => {
    const before = await outboxRows();
    const issues = await h.db.prisma.issue.count();
    await expect(
      db().$transaction(async (tx) => {
        const t = await tx.issue.create({ data: issueData() });
        await tx.issueNote.create({ data: { issueId: t.id, writerId: people.bob.id, text: 'inside tx' } });
        await tx.issue.update({ where: { id: t.id }, data: { state: 'doing' } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await h.db.prisma.issue.count()).toBe(issues);
    expect(await outboxRows()).toBe(before);
    await h.notifier.drain();
    expect(h.mail.messages).toHaveLength(0);
  });

  it('an interactive transaction that commits sends every email of every write in it, after the commit', async () => {
    let rowsSeenOutside = -1;
    const t = await db().$transaction(async (tx) => {
      const created = await tx.issue.create({ data: issueData() });
      await tx.issue.update({ where: { id: created.id }, data: { state: 'doing' } });
      await tx.issueNote.create({ data: { issueId: created.id, writerId: people.bob.id, text: 'noted inside' } });
      // Another connection must not see the rows before the commit (SQLite has one writer, so only check PostgreSQL).
      if (h.db.provider === 'postgresql') rowsSeenOutside = await h.db.prisma.changeEvent.count();
      return created;
    });
    if (h.db.provider === 'postgresql') expect(rowsSeenOutside).toBe(0);
    await h.notifier.drain();
    expect(h.mail.to('carol@customer.test').map((m) => m.parsed.subject).sort()).toEqual(
      [`[#${t.id}] New ticket: Tx issue`, `[#${t.id}] Status changed: Tx issue`, `[#${t.id}] New comment: Tx issue`].sort(),
    );
    expect(h.mail.to('carol@customer.test').find((m) => m.parsed.subject?.includes('New comment'))?.parsed.text).toContain('noted inside');
  });

  it('a callback that returns the query without awaiting it is still inside the transaction', async () => {
    const t = await h.db.prisma.issue.create({ data: issueData() });
    await db().$transaction((tx) => tx.issue.update({ where: { id: t.id }, data: { state: 'waiting' } }));
    await h.notifier.planChanges();
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: t.id } })).toBe(2);
  });

  it('an updateMany inside a transaction that rolls back sends nothing for any issue', async () => {
    const a = await h.db.prisma.issue.create({ data: issueData() });
    const b = await h.db.prisma.issue.create({ data: issueData() });
    const before = await outboxRows();
    await expect(
      db().$transaction(async (tx) => {
        await tx.issue.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { state: 'solved' } });
        throw new Error('not yet');
      }),
    ).rejects.toThrow('not yet');
    expect((await h.db.prisma.issue.findMany({ where: { id: { in: [a.id, b.id] } } })).map((i) => i.state)).toEqual(['todo', 'todo']);
    expect(await outboxRows()).toBe(before);
  });
});
