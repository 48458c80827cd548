import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrateDeploy } from '../../src/db/prisma-cli';
import { pgDatabaseName, sqliteDir, withDatabase } from './test-run';
import { createOtherHelpdeskTemplate } from '../other-helpdesk/support/fixture-template';

/**
 * Applies the committed migrations once, to a template database; each test
 * file then gets its own copy. SQLite by default; PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  process.env.TEST_RUN_ID = runId;
  const pgUrl = process.env.TEST_DATABASE_URL;
  // The second helpdesk's schema (test/other-helpdesk) gets a template of its own, made meanwhile.
  await Promise.all([createTemplate(runId, pgUrl), createOtherHelpdeskTemplate(runId, pgUrl)]);
}

async function createTemplate(runId: string, pgUrl: string | undefined): Promise<void> {
  if (pgUrl) {
    const template = pgDatabaseName(runId, 'template');
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    await migrateDeploy(withDatabase(pgUrl, template));
    process.env.TEST_TEMPLATE_URL = withDatabase(pgUrl, template);
  } else {
    const dir = sqliteDir(runId);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'template.db');
    await migrateDeploy(`file:${file}`);
    process.env.TEST_TEMPLATE_URL = `file:${file}`;
  }
}
