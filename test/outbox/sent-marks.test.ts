import { claimDueRows, groupedSentMarks } from '../../src/outbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { queueRows } from '../support/queue-rows';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

/** The real client, with the ids of each mark statement it runs (the last parameter, a JSON list). */
function counted(prisma: TestDatabase['prisma']) {
  const statements: number[][] = [];
  const client = {
    $executeRawUnsafe: (sql: string, ...values: unknown[]) => {
      statements.push(JSON.parse(values[values.length - 1] as string));
      return prisma.$executeRawUnsafe(sql, ...values);
    },
  };
  return { client: client as never, statements };
}

describe('grouped sent marks', () => {
  it('writes marks that arrive together in fewer statements, and every row is marked when its promise resolves', async () => {
    await queueRows(db.prisma, 40, 'group');
    const rows = await claimDueRows(db.prisma, { token: 't1', limit: 40, leaseMs: 60_000, provider: db.provider });
    const { client, statements } = counted(db.prisma);
    const mark = groupedSentMarks(client, db.provider);
    await Promise.all(
      rows.map(async (r) => {
        await mark(r.id, 't1');
        // Resolved means written: the caller may rely on it before taking its next row.
        const row = await db.prisma.emailOutbox.findUniqueOrThrow({ where: { id: r.id } });
        expect(row.status).toBe('sent');
        expect(row.lockedBy).toBeNull();
      }),
    );
    expect(statements.length).toBeLessThan(rows.length);
    expect(statements.flat().sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    expect(await db.prisma.emailOutbox.count({ where: { status: 'sent', sentAt: { not: null } } })).toBe(40);
  });

  it('marks a lone send at once, in a statement of its own', async () => {
    await queueRows(db.prisma, 1, 'lone');
    const [row] = await claimDueRows(db.prisma, { token: 't2', limit: 1, leaseMs: 60_000, provider: db.provider });
    const { client, statements } = counted(db.prisma);
    await groupedSentMarks(client, db.provider)(row.id, 't2');
    expect(statements).toEqual([[row.id]]);
  });

  it('leaves a row alone when the claim token no longer holds it', async () => {
    await queueRows(db.prisma, 2, 'stale');
    const rows = await claimDueRows(db.prisma, { token: 'old', limit: 2, leaseMs: 60_000, provider: db.provider });
    await db.prisma.emailOutbox.update({ where: { id: rows[0].id }, data: { lockedBy: 'new' } });
    const mark = groupedSentMarks(db.prisma, db.provider);
    await Promise.all(rows.map((r) => mark(r.id, 'old')));
    const after = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } });
    expect(after.map((r) => r.status)).toEqual(['sending', 'sent']);
  });
});
