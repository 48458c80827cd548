import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type AppPrismaClient, type Provider } from '../../src/db';
import { pgDatabaseName, sqliteDir, withDatabase } from './test-run';

export interface TestDatabase<C = AppPrismaClient> {
  url: string;
  provider: Provider;
  /** A bare client (no notifications) for arranging and inspecting data. */
  prisma: C;
  drop(): Promise<void>;
}

/**
 * A fresh database of its own for one test file: a copy of a template the
 * run's global setup migrated (a file copy on SQLite, CREATE DATABASE …
 * TEMPLATE on PostgreSQL), with a client `connect` makes for its URL.
 */
export async function copyTemplateDatabase<C extends { $disconnect(): Promise<void> }>(
  template: string,
  label: string,
  connect: (url: string) => C,
): Promise<TestDatabase<C>> {
  const runId = process.env.TEST_RUN_ID!;
  const suffix = `${label}${randomBytes(4).toString('hex')}`;
  if (template.startsWith('file:')) {
    const file = join(sqliteDir(runId), `${suffix}.db`);
    copyFileSync(template.slice('file:'.length), file);
    const url = `file:${file}`;
    const prisma = connect(url);
    return {
      url,
      provider: 'sqlite',
      prisma,
      async drop() {
        await prisma.$disconnect();
        rmSync(file, { force: true });
      },
    };
  }
  const name = pgDatabaseName(runId, suffix);
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${new URL(template).pathname.slice(1)}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const prisma = connect(url);
  return {
    url,
    provider: 'postgresql',
    prisma,
    async drop() {
      await prisma.$disconnect();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh, migrated database of its own for one test file: a copy of the run's template. */
export function createTestDatabase(): Promise<TestDatabase> {
  return copyTemplateDatabase(process.env.TEST_TEMPLATE_URL!, '', createPrismaClient);
}
