import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { createAdapter, poolConfig } from './create-adapter';
import type { DatabaseTarget } from './database-url';

// Catalog-only types: `"char"` (18) and `name` (19).
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

// The migration engine reads PostgreSQL's catalog, whose columns use the
// internal types `name` and `"char"`; @prisma/adapter-pg 6.19 refuses them
// (prisma/prisma#27403) and `migrate deploy` or `db pull` fails. Both hold
// text, so we report them as text.
function reportNamesAsText<T extends { query: (...args: any[]) => any }>(queryable: T): void {
  const query = queryable.query.bind(queryable);
  queryable.query = ((...args: any[]) => {
    const result = query(...args);
    if (!result || typeof result.then !== 'function') return result;
    return result.then((res: pg.QueryResult) => {
      for (const field of res?.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      return res;
    });
  }) as T['query'];
}

/** The driver adapter Prisma's CLI uses to migrate: the app's adapter, with the catalog workaround on PostgreSQL. */
export function createMigrationAdapter(target: DatabaseTarget) {
  if (target.provider === 'sqlite') return createAdapter(target);
  const pool = new pg.Pool(poolConfig(target));
  reportNamesAsText(pool);
  pool.on('connect', (client) => reportNamesAsText(client));
  return new PrismaPg(pool, { schema: target.schema, disposeExternalPool: true });
}
