import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';
import type { DatabaseTarget } from './database-url';

/** The driver adapter for a database target, used by both the client and the migration engine. */
export function createAdapter(target: DatabaseTarget): PrismaBetterSQLite3 | PrismaPg {
  if (target.provider === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    // A busy timeout lets a second process (the worker) wait for a write lock instead of failing at once.
    return new PrismaBetterSQLite3({ url: target.file, timeout: 10_000 });
  }
  return new PrismaPg(poolConfig(target), target.schema ? { schema: target.schema } : undefined);
}

/** Connection settings for pg; a `?schema=` in the URL becomes the search path, so unqualified SQL lands there too. */
export function poolConfig(target: Extract<DatabaseTarget, { provider: 'postgresql' }>): PoolConfig {
  return {
    connectionString: target.connectionString,
    ...(target.schema ? { options: `-c search_path="${target.schema.replace(/"/g, '')}"` } : {}),
  };
}
