import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from './database-url';

const root = join(__dirname, '..', '..', 'prisma');

/**
 * Where each provider's schema and migrations live. The schema is a folder of
 * .prisma files (Prisma reads them as one); SQLite's is the source,
 * PostgreSQL's is generated from it. Each keeps its migrations beside it.
 */
export function schemaPaths(provider: Provider) {
  const dir = provider === 'sqlite' ? root : join(root, 'postgresql');
  return { schema: join(dir, 'schema'), migrations: join(dir, 'migrations') };
}

/** A schema folder's files: file name → text. */
export type SchemaFiles = Record<string, string>;

/** Reads every .prisma file of a schema folder, in name order. */
export function readSchemaFiles(dir: string): SchemaFiles {
  const names = readdirSync(dir).filter((f) => f.endsWith('.prisma')).sort();
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/** Writes a schema folder, removing .prisma files it no longer has (a stale model file would still be read). */
export function writeSchemaFiles(dir: string, files: SchemaFiles): void {
  mkdirSync(dir, { recursive: true });
  for (const stale of readdirSync(dir).filter((f) => f.endsWith('.prisma') && !(f in files))) rmSync(join(dir, stale));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}
