import { previewProps } from '../../emails/previews';
import { insertMissingRows, insertRows, insertSkips, newOutboxRow } from '../../src/outbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const args = (key: string, name = 'Zoë “Ægir” Şahin <z@x>') => ({
  key,
  ticketId: 7,
  address: `${key}@insert.test`,
  recipient: { kind: 'customer' as const, id: 7 },
  payload: previewProps({ recipient: { name, reason: 'customer' } }).payload,
  domain: 'helpdesk.test',
  installation: 'test-installation',
});
const row = (key: string, name?: string) => newOutboxRow(args(key, name));

describe('outbox inserts', () => {
  it('write every column as given, in order, due now', async () => {
    const rows = [row('a'), row('b', 'ليلى حداد\n'), row('c')];
    const before = Date.now();
    expect(await insertRows(db.prisma, rows, db.provider)).toBe(3);
    const stored = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } });
    expect(stored.map((r) => r.idempotencyKey)).toEqual(rows.map((r) => r.idempotencyKey));
    stored.forEach((s, i) => {
      const r = rows[i];
      expect(s).toMatchObject({
        event: r.event,
        ticketId: '7',
        recipientKind: 'customer',
        recipientId: '7',
        recipientEmail: r.recipientEmail,
        recipientName: r.recipientName,
        audience: r.audience,
        // Each is its reader's first email about ticket 7.
        messageId: r.threadRoot,
        threadRoot: r.threadRoot,
        status: 'pending',
        attempts: 0,
      });
      expect(s.payload).toEqual(r.payload);
      for (const t of [s.createdAt, s.updatedAt, s.nextAttemptAt]) expect(Math.abs(t.getTime() - before)).toBeLessThan(5_000);
    });
  });

  it('store the host ids as text, whether the host uses integers or strings (cuid)', async () => {
    const cuid = { ...args('cuid'), ticketId: 'ckz1x2y3z0000tick00000001', recipient: { kind: 'user' as const, id: 'ckz1x2y3z0000user00000001' } };
    await insertRows(db.prisma, [row('int'), newOutboxRow(cuid)], db.provider);
    await insertSkips(
      db.prisma,
      [
        { idempotencyKey: 's1', event: 'comment_added', ticketId: 12, recipientKind: 'customer', recipientId: 34, recipientEmail: 'a@x.test', reason: 'opted_out' },
        { idempotencyKey: 's2', event: 'comment_added', ticketId: cuid.ticketId, recipientKind: 'user', recipientId: cuid.recipient.id, recipientEmail: 'b@x.test', reason: 'bouncing' },
      ],
      db.provider,
    );
    const rows = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' }, select: { ticketId: true, recipientId: true, threadRoot: true, messageId: true } });
    expect(rows.map((r) => [r.ticketId, r.recipientId])).toEqual([
      ['7', '7'],
      ['ckz1x2y3z0000tick00000001', 'ckz1x2y3z0000user00000001'],
    ]);
    expect(rows[1].threadRoot).toMatch(/^<ticket-ckz1x2y3z0000tick00000001\./);
    const skips = await db.prisma.skippedNotification.findMany({ orderBy: { id: 'asc' }, select: { ticketId: true, recipientId: true } });
    expect(skips).toEqual([
      { ticketId: '12', recipientId: '34' },
      { ticketId: 'ckz1x2y3z0000tick00000001', recipientId: 'ckz1x2y3z0000user00000001' },
    ]);
  });

  it('a repeated run writes only the keys that are new, and says which', async () => {
    await insertRows(db.prisma, [row('a')], db.provider);
    const written = await insertMissingRows(db.prisma, [row('a'), row('b')], db.provider);
    expect(written.map((r) => r.idempotencyKey)).toEqual(['b:b@insert.test']);
    expect(await insertMissingRows(db.prisma, [row('a'), row('b')], db.provider)).toEqual([]);
    expect(await db.prisma.emailOutbox.count()).toBe(2);
  });

  it('a key already queued fails a plain insert, as it must within a write', async () => {
    await insertRows(db.prisma, [row('a')], db.provider);
    await expect(insertRows(db.prisma, [row('a')], db.provider)).rejects.toThrow(/unique|constraint/i);
  });

  it("a reader's first row about a ticket takes the thread root's id; later ones keep their own and refer to it", async () => {
    const first = row('a');
    expect(await insertRows(db.prisma, [first], db.provider)).toBe(1);
    const later = newOutboxRow({ ...args('a'), key: 'later' });
    const digest = newOutboxRow({ ...args('held'), key: 'held', held: true });
    expect(await insertRows(db.prisma, [later, digest], db.provider)).toBe(2);
    const stored = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } });
    expect(stored.map((r) => [r.messageId, r.threadRoot])).toEqual([
      [first.threadRoot, first.threadRoot],
      [later.messageId, first.threadRoot],
      // A row held for a digest is never sent on its own: it starts no thread.
      [digest.messageId, digest.threadRoot],
    ]);
  });

  it('two rows to one reader in one statement: one takes the root, the other is written with its own id', async () => {
    const rows = [row('a'), newOutboxRow({ ...args('a'), key: 'again' })];
    expect(await insertRows(db.prisma, rows, db.provider)).toBe(2);
    const ids = (await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } })).map((r) => r.messageId);
    expect(ids.filter((id) => id === rows[0].threadRoot)).toHaveLength(1);
    expect(new Set(ids).size).toBe(2);
  });

  it("two writers racing for a reader's first email both commit: one row is the root, the other refers to it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = db.prisma.$transaction(async (tx) => {
      await insertRows(tx, [row('a')], db.provider);
      await held;
    });
    // The second writer checks for the root while the first has inserted it but not committed.
    await new Promise((r) => setTimeout(r, 100));
    const b = db.prisma.$transaction((tx) => insertRows(tx, [newOutboxRow({ ...args('a'), key: 'racer' })], db.provider));
    setTimeout(release, 300);
    await Promise.all([a, expect(b).resolves.toBe(1)]);
    const stored = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(2);
    expect(stored.filter((r) => r.messageId === r.threadRoot)).toHaveLength(1);
    expect(new Set(stored.map((r) => r.threadRoot)).size).toBe(1);
  });

  it('a run that may repeat gives a row that lost the root its own id, and still skips keys already queued', async () => {
    await insertRows(db.prisma, [row('a')], db.provider);
    const overdue = newOutboxRow({ ...args('a'), key: 'overdue' });
    expect((await insertMissingRows(db.prisma, [row('a'), overdue], db.provider)).map((r) => r.idempotencyKey)).toEqual(['overdue:a@insert.test']);
    const stored = await db.prisma.emailOutbox.findUniqueOrThrow({ where: { idempotencyKey: 'overdue:a@insert.test' } });
    expect(stored.messageId).toBe(overdue.messageId);
  });
});
