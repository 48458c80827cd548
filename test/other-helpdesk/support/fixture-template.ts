/**
 * The second helpdesk's template database, made once per run by the jest
 * global setup from the SQL Prisma makes for the fixture's schema folder, so
 * it follows every change to the fixture or to the copied notifier tables.
 * Kept apart from the clients: the global setup need not load them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createAdapter } from '../../../src/db/create-adapter';
import { parseDatabaseUrl } from '../../../src/db/database-url';
import { pgDatabaseName, sqliteDir, withDatabase } from '../../support/test-run';
import { assertClientsCurrent, completeFixtureSchemas, fixtureSchemaSql } from './fixture-schema';

export const TEMPLATE_ENV = 'TEST_OTHER_HELPDESK_TEMPLATE_URL';

/** Creates this run's template database (from the global setup); PostgreSQL when pgUrl is given. */
export async function createOtherHelpdeskTemplate(runId: string, pgUrl: string | undefined): Promise<void> {
  completeFixtureSchemas();
  assertClientsCurrent();
  if (pgUrl) {
    const sql = await fixtureSchemaSql('postgresql', pgUrl);
    const template = pgDatabaseName(runId, 'other_template');
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    const url = withDatabase(pgUrl, template);
    await runScript(url, sql);
    process.env[TEMPLATE_ENV] = url;
  } else {
    const sql = await fixtureSchemaSql('sqlite');
    const dir = sqliteDir(runId);
    mkdirSync(dir, { recursive: true });
    const url = `file:${join(dir, 'other-helpdesk-template.db')}`;
    await runScript(url, sql);
    process.env[TEMPLATE_ENV] = url;
  }
}

/** Runs a migration script through the driver adapter, as Prisma's migrate does. */
async function runScript(url: string, sql: string): Promise<void> {
  const adapter = await createAdapter(parseDatabaseUrl(url)).connect();
  try {
    await adapter.executeScript(sql);
  } finally {
    await adapter.dispose();
  }
}
