import { join } from 'node:path';

// Names shared by the global setup, each test file and the teardown.
export const root = join(__dirname, '..', '..');
export const sqliteDir = (runId: string) => join(root, 'data', 'test', runId);
export const pgDatabaseName = (runId: string, suffix: string) => `notifier_${runId}_${suffix}`.toLowerCase();

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Every Redis key a run makes starts with this, so the teardown can find what a crashed file left. */
export const redisPrefix = (runId: string) => `tn-test:${runId}`;
