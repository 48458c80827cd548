import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createPrismaClient, type AppPrismaClient } from '../../src/db';
import { schemaPaths } from '../../src/db/schema-paths';
import { pgDatabaseName, sqliteDir, withDatabase } from '../support/test-run';

// better-sqlite3 (the driver under Prisma's SQLite adapter) ships no types: the three calls used here.
interface SqliteFile {
  exec(sql: string): void;
  prepare(sql: string): { get(): unknown };
  close(): void;
}
const Database: new (file: string) => SqliteFile = require('better-sqlite3');

// The migration under test: the notifier's references to host ids become text.
const MIGRATION = '20261203130916_notifier_ids_as_text';

/** A fresh database that runs migration SQL as it is committed, one file at a time. */
interface ScratchDatabase {
  url: string;
  exec(sql: string): Promise<void>;
  /** SQLite only: the storage class of a column's value, to prove the rebuild wrote text. */
  storedType?(table: string, column: string): Promise<string>;
  drop(): Promise<void>;
}

async function scratchDatabase(): Promise<ScratchDatabase> {
  const runId = process.env.TEST_RUN_ID!;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = sqliteDir(runId);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `ids-as-text-${process.pid}.db`);
    const db = new Database(file);
    return {
      url: `file:${file}`,
      async exec(sql) {
        db.exec(sql);
      },
      async storedType(table, column) {
        return (db.prepare(`SELECT typeof("${column}") AS t FROM "${table}"`).get() as { t: string }).t;
      },
      async drop() {
        db.close();
        rmSync(file, { force: true });
      },
    };
  }
  const name = pgDatabaseName(runId, 'ids_as_text');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    async exec(sql) {
      await client.query(sql);
    },
    async drop() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

function migrationSql(provider: 'sqlite' | 'postgresql') {
  const dir = schemaPaths(provider).migrations;
  const folders = readdirSync(dir)
    .filter((f) => /^\d/.test(f))
    .sort();
  const read = (f: string) => readFileSync(join(dir, f, 'migration.sql'), 'utf8');
  expect(folders).toContain(MIGRATION);
  return { before: folders.filter((f) => f < MIGRATION).map(read), migration: read(MIGRATION) };
}

describe(`migration ${MIGRATION}`, () => {
  let db: ScratchDatabase;
  let prisma: AppPrismaClient | undefined;
  beforeAll(async () => {
    db = await scratchDatabase();
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db.drop();
  });

  it('keeps the integer ids of existing rows, as text', async () => {
    const { before, migration } = migrationSql(process.env.TEST_DATABASE_URL ? 'postgresql' : 'sqlite');
    for (const sql of before) await db.exec(sql);

    // Rows as the schema before it had them: integer ids, with the foreign keys it had then.
    await db.exec(`
      INSERT INTO "User" ("id", "name", "email") VALUES (12, 'Sam', 'sam@example.com');
      INSERT INTO "Customer" ("id", "name", "email") VALUES (34, 'Cleo', 'cleo@example.com');
      INSERT INTO "Ticket" ("id", "subject", "customerId", "createdById", "updatedAt") VALUES (56, 'S', 34, 12, CURRENT_TIMESTAMP);
      INSERT INTO "NotificationPreference" ("userId", "event", "enabled", "updatedAt") VALUES (12, 'ticket_created', false, CURRENT_TIMESTAMP);
      INSERT INTO "NotificationPreference" ("customerId", "event", "enabled", "source", "updatedAt") VALUES (34, 'all', false, 'unsubscribe', CURRENT_TIMESTAMP);
      INSERT INTO "Brand" ("customerId", "name") VALUES (34, 'Cleo Co');
      INSERT INTO "EmailOutbox" ("idempotencyKey", "event", "ticketId", "recipientEmail", "recipientName", "recipientKind", "recipientId", "audience", "payload", "messageId", "updatedAt")
        VALUES ('k1', 'ticket_created', 56, 'sam@example.com', 'Sam', 'user', 12, 'staff', '{}', '<m1@example.com>', CURRENT_TIMESTAMP);
      INSERT INTO "SkippedNotification" ("idempotencyKey", "event", "ticketId", "recipientKind", "recipientId", "recipientEmail", "reason")
        VALUES ('k2', 'ticket_created', 56, 'customer', 34, 'cleo@example.com', 'unsubscribed');
    `);
    await db.exec(migration);

    if (db.storedType) {
      expect(await db.storedType('Brand', 'customerId')).toBe('text');
      expect(await db.storedType('EmailOutbox', 'recipientId')).toBe('text');
    }
    prisma = createPrismaClient(db.url);
    const preferences = await prisma.notificationPreference.findMany({ orderBy: { id: 'asc' } });
    expect(preferences.map((p) => [p.userId, p.customerId, p.event, p.enabled, p.source])).toEqual([
      ['12', null, 'ticket_created', false, 'settings'],
      [null, '34', 'all', false, 'unsubscribe'],
    ]);
    expect(await prisma.brand.findUnique({ where: { customerId: '34' } })).toMatchObject({ name: 'Cleo Co' });
    expect(await prisma.emailOutbox.findUnique({ where: { idempotencyKey: 'k1' } })).toMatchObject({
      ticketId: '56',
      recipientKind: 'user',
      recipientId: '12',
    });
    expect(await prisma.skippedNotification.findUnique({ where: { idempotencyKey: 'k2' } })).toMatchObject({
      ticketId: '56',
      recipientId: '34',
    });
    // The unique keys survived the rebuild, and the references no longer need a host row.
    await expect(
      prisma.notificationPreference.create({ data: { userId: '12', event: 'ticket_created', enabled: true } }),
    ).rejects.toThrow();
    await prisma.notificationPreference.create({ data: { userId: 'ckx0person0cuid', event: 'all', enabled: false } });
    await prisma.ticket.delete({ where: { id: 56 } });
    await prisma.user.delete({ where: { id: 12 } });
    expect(await prisma.notificationPreference.count({ where: { userId: '12' } })).toBe(1);
  });
});
