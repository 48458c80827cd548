/**
 * The second helpdesk's Prisma schema: where its folders are, how they are
 * completed (the notifier's tables copied in, as an adopting app does, and the
 * PostgreSQL twin written), and the SQL that creates its tables.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Provider } from '../../../src/db/database-url';
import { prisma } from '../../../src/db/prisma-cli';

const root = join(__dirname, '..', '..', '..');
const fixture = join(__dirname, '..');

export const fixtureSchemaDir: Record<Provider, string> = {
  sqlite: join(fixture, 'schema'),
  postgresql: join(fixture, 'generated', 'postgresql-schema'),
};

/** The notifier's own tables as the repository ships them for adopters. */
const shippedNotifierSchema = join(root, 'prisma', 'schema', 'notifier.prisma');

// The CLI validates DATABASE_URL against the provider even when it never connects.
const offlineUrl: Record<Provider, string> = {
  sqlite: 'file:./data/other-helpdesk-unused.db',
  postgresql: 'postgresql://generate@localhost:5432/unused',
};

/** Copies the notifier's schema file into the fixture's folder and writes the PostgreSQL twin from that folder. */
export function completeFixtureSchemas(): void {
  copyFileSync(shippedNotifierSchema, join(fixtureSchemaDir.sqlite, 'notifier.prisma'));

  const twin = fixtureSchemaDir.postgresql;
  rmSync(twin, { recursive: true, force: true });
  mkdirSync(twin, { recursive: true });
  for (const name of readdirSync(fixtureSchemaDir.sqlite).filter((f) => f.endsWith('.prisma'))) {
    const text = readFileSync(join(fixtureSchemaDir.sqlite, name), 'utf8');
    writeFileSync(join(twin, name), name === 'schema.prisma' ? swapProvider(text) : text);
  }
}

// The provider is fixed in a schema: the twin differs in the provider and in where its client goes.
function swapProvider(source: string): string {
  const body = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../generated/sqlite"', 'output       = "../postgresql"');
  if (!body.includes('provider = "postgresql"') || !body.includes('"../postgresql"')) {
    throw new Error(`${relative(root, fixtureSchemaDir.sqlite)}/schema.prisma no longer has the provider or output line its PostgreSQL twin is derived from`);
  }
  return body;
}

/** Completes the schema folders and generates a client from each, side by side (each CLI run mostly waits on its own start-up). */
export async function generateFixtureClients(): Promise<string[]> {
  completeFixtureSchemas();
  return Promise.all(
    (['sqlite', 'postgresql'] as const).map(async (provider) => {
      const out = await prisma(['generate', '--schema', fixtureSchemaDir[provider]], offlineUrl[provider]);
      return out.split('\n').find((l) => l.includes('Generated')) ?? out;
    }),
  );
}

/**
 * Fails when a generated client was made from other schema files than the
 * folder holds now (a changed fixture, or a changed notifier.prisma since the
 * last `npm run db:generate`): the tables would be made from the new files and
 * the client would speak the old ones.
 */
export function assertClientsCurrent(): void {
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const dir = fixtureSchemaDir[provider];
    const classFile = join(fixture, 'generated', provider, 'internal', 'class.ts');
    const literal = existsSync(classFile) ? /"inlineSchema": ("(?:[^"\\]|\\.)*")/.exec(readFileSync(classFile, 'utf8'))?.[1] : undefined;
    const inline: string = literal ? JSON.parse(literal) : '';
    const stale = readdirSync(dir).filter((f) => f.endsWith('.prisma') && !inline.includes(readFileSync(join(dir, f), 'utf8')));
    if (!literal || stale.length > 0) {
      throw new Error(
        `the ${provider} client of ${relative(root, fixture)} is older than its schema (${stale.join(', ') || 'no client'}): run npm run db:generate`,
      );
    }
  }
}

/** The SQL that creates every table of the fixture's schema on an empty database, as Prisma would migrate it. */
export async function fixtureSchemaSql(provider: Provider, databaseUrl = offlineUrl[provider]): Promise<string> {
  return prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', fixtureSchemaDir[provider], '--script'], databaseUrl);
}
