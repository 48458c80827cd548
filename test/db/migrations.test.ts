import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffToSourceSchema, pullSchema } from '../../src/db/prisma-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('committed migrations', () => {
  it('build exactly the schema in prisma/ (a schema change without its migration fails here)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    try {
      const live = join(dir, 'live.prisma');
      writeFileSync(live, await pullSchema(db.url));
      expect(await diffToSourceSchema(live, db.url)).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give a database the app can read and write', async () => {
    const user = await db.prisma.user.create({ data: { name: 'Test', email: 'test@example.com' } });
    const customer = await db.prisma.customer.create({ data: { name: 'C' } });
    const ticket = await db.prisma.ticket.create({
      data: { subject: 'S', customerId: customer.id, createdById: user.id, dueDate: new Date('2026-01-02T03:04:05Z') },
    });
    expect(ticket.status).toBe('new');
    expect(ticket.priority).toBe('medium');
    expect(ticket.dueDate?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });
});
