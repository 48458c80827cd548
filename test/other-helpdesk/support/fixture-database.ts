/**
 * A database of the second helpdesk's schema for each test file: a copy of
 * the run's template (fixture-template.ts), as test/support/test-database.ts
 * makes for this repository's schema, with the second helpdesk's own client.
 */
import { parseDatabaseUrl } from '../../../src/db';
import { createAdapter } from '../../../src/db/create-adapter';
import { PrismaClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgresql/client';
import { copyTemplateDatabase, type TestDatabase } from '../../support/test-database';
import { TEMPLATE_ENV } from './fixture-template';

/** The fixture's client. Both are generated from one schema folder, so they share this shape; the SQLite one names it. */
export type OtherHelpdeskClient = PrismaClient;

export type OtherHelpdeskDatabase = TestDatabase<OtherHelpdeskClient>;

// A client generated for one provider refuses the other's adapter, so each database kind has its own.
function connect(url: string): OtherHelpdeskClient {
  const target = parseDatabaseUrl(url);
  const adapter = createAdapter(target);
  return target.provider === 'sqlite' ? new PrismaClient({ adapter }) : (new PostgresPrismaClient({ adapter }) as unknown as OtherHelpdeskClient);
}

/** A fresh database of the second helpdesk's schema for one test file. */
export function createOtherHelpdeskDatabase(): Promise<OtherHelpdeskDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: the jest global setup makes the second helpdesk's template database`);
  return copyTemplateDatabase(template, 'other_', connect);
}
