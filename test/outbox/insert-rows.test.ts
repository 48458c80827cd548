import { previewProps } from '../../emails';
import { insertMissingRows, insertRows, newOutboxRow } from '../../src/outbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const row = (key: string, name = 'Zoë “Ægir” Şahin <z@x>') =>
  newOutboxRow({
    key,
    ticketId: 7,
    address: `${key}@insert.test`,
    recipient: { kind: 'customer', id: 7 },
    payload: previewProps({ recipient: { name, reason: 'customer' } }).payload,
    domain: 'helpdesk.test',
  });

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
        ticketId: 7,
        recipientEmail: r.recipientEmail,
        recipientName: r.recipientName,
        audience: r.audience,
        messageId: r.messageId,
        status: 'pending',
        attempts: 0,
      });
      expect(s.payload).toEqual(r.payload);
      for (const t of [s.createdAt, s.updatedAt, s.nextAttemptAt]) expect(Math.abs(t.getTime() - before)).toBeLessThan(5_000);
    });
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
});
