import { rmSync } from 'node:fs';
import pg from 'pg';
import { deleteKeys } from './redis-keys';
import { pgDatabaseName, redisPrefix, sqliteDir } from './test-run';

/** Drops everything this run created, including copies a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.TEST_RUN_ID;
  if (!runId) return;
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${pgDatabaseName(runId, '')}%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  } else {
    rmSync(sqliteDir(runId), { recursive: true, force: true });
  }
  if (process.env.TEST_DELIVERY === 'bullmq') await deleteKeys(`${redisPrefix(runId)}:`);
}
