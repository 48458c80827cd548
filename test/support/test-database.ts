import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type AppPrismaClient, type Provider } from '../../src/db';
import { pgDatabaseName, sqliteDir, withDatabase } from './test-run';

export interface TestDatabase {
  url: string;
  provider: Provider;
  /** A bare client (no notifications) for arranging and inspecting data. */
  prisma: AppPrismaClient;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file: a copy of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = process.env.TEST_RUN_ID!;
  const template = process.env.TEST_TEMPLATE_URL!;
  const suffix = randomBytes(4).toString('hex');
  if (template.startsWith('file:')) {
    const file = join(sqliteDir(runId), `${suffix}.db`);
    copyFileSync(template.slice('file:'.length), file);
    const url = `file:${file}`;
    const prisma = createPrismaClient(url);
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
  const prisma = createPrismaClient(url);
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
