import type { SchemaFiles } from './schema-paths';

const GENERATED =
  '// GENERATED from prisma/schema/ by `npm run db:schemas`. Do not edit: change the source and regenerate.\n\n';

/**
 * Prisma fixes the provider inside the schema, and a client generated for one
 * provider refuses the other's driver adapter, so PostgreSQL needs its own
 * schema folder. It is derived from the SQLite source folder by this one
 * function: the same files, with the provider and the client's output swapped
 * in schema.prisma; nothing else may differ between the two.
 */
export function toPostgresSchema(sqlite: SchemaFiles): SchemaFiles {
  if (!('schema.prisma' in sqlite)) throw new Error('prisma/schema/ has no schema.prisma (the generator and datasource)');
  const twin: SchemaFiles = {};
  for (const [name, text] of Object.entries(sqlite)) {
    twin[name] = GENERATED + (name === 'schema.prisma' ? swapProvider(text) : text);
  }
  return twin;
}

function swapProvider(source: string): string {
  const body = source
    .replace(/^\/\/ The source schema[^\n]*\n(?:\/\/[^\n]*\n)*\n/, '')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    // One folder deeper: prisma/postgresql/schema/ against prisma/schema/.
    .replace('output       = "../../src/db/generated/sqlite"', 'output       = "../../../src/db/generated/postgresql"');
  if (!body.includes('provider = "postgresql"') || !body.includes('generated/postgresql')) {
    throw new Error('prisma/schema/schema.prisma no longer has the provider or output line the PostgreSQL twin is derived from');
  }
  return body;
}
