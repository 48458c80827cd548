/**
 * Prisma fixes the provider inside the schema, and a client generated for one
 * provider refuses the other's driver adapter, so PostgreSQL needs its own
 * schema file. It is derived from the SQLite source by this one function;
 * nothing else may differ between the two.
 */
export function toPostgresSchema(sqliteSchema: string): string {
  const header =
    '// GENERATED from prisma/schema.prisma by `npm run db:schemas`. Do not edit: change the source and regenerate.\n\n';
  const body = sqliteSchema
    .replace(/^\/\/ The source schema\.[^\n]*\n(?:\/\/[^\n]*\n)*\n/, '')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../src/db/generated/sqlite"', 'output       = "../../src/db/generated/postgresql"');
  if (!body.includes('provider = "postgresql"') || !body.includes('generated/postgresql')) {
    throw new Error('prisma/schema.prisma no longer has the provider or output line the PostgreSQL twin is derived from');
  }
  return header + body;
}
