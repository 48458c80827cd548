/**
 * A database of the second helpdesk's schema for each test file: a copy of
 * the run's template (fixture-template.ts), as test/support/test-database.ts
 * does for this repository's schema.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Provider } from '../../../src/db';
import { PrismaClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgresql/client';
import { pgDatabaseName, sqliteDir, withDatabase } from '../../support/test-run';
import { TEMPLATE_ENV } from './fixture-template';

/** The fixture's client. Both are generated from one schema folder, so they share this shape; the SQLite one names it. */
export type OtherHelpdeskClient = PrismaClient;

export interface OtherHelpdeskDatabase {
  url: string;
  provider: Provider;
  /** A bare client (no notifications) for arranging and inspecting data. */
  prisma: OtherHelpdeskClient;
  drop(): Promise<void>;
}

/** A fresh database of the second helpdesk's schema for one test file. */
export async function createOtherHelpdeskDatabase(): Promise<OtherHelpdeskDatabase> {
  const runId = process.env.TEST_RUN_ID!;
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: the jest global setup makes the second helpdesk's template database`);
  const suffix = randomBytes(4).toString('hex');
  if (template.startsWith('file:')) {
    const file = join(sqliteDir(runId), `other-${suffix}.db`);
    copyFileSync(template.slice('file:'.length), file);
    const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
    return {
      url: `file:${file}`,
      provider: 'sqlite',
      prisma,
      async drop() {
        await prisma.$disconnect();
        rmSync(file, { force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = pgDatabaseName(runId, `other_${suffix}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${new URL(template).pathname.slice(1)}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const prisma = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as OtherHelpdeskClient;
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
