// Authors a migration for both databases from the edited prisma/schema.prisma.
//
// `prisma migrate dev` cannot be used: on SQLite its shadow database needs
// multi-statement SQL, which the better-sqlite3 driver adapter refuses. This
// does the same job without a shadow database: apply the committed migrations
// to a scratch database, read its schema back, and diff that against the source.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { diffToSourceSchema, migrateDeploy, pullSchema } from '../src/db/prisma-cli';
import type { Provider } from '../src/db/database-url';
import { schemaPaths } from '../src/db/schema-paths';
import { toPostgresSchema } from '../src/db/postgres-schema';

const program = new Command('db:migration:new')
  .description('Write prisma/migrations/<timestamp>_<name>/ and its PostgreSQL twin from the changes in prisma/schema.prisma.')
  .argument('<name>', 'what the migration does, in snake_case, e.g. add_ticket_tags')
  .option('--postgres-url <url>', 'a PostgreSQL server to diff against (a scratch schema is created and dropped)', 'postgresql://postgres@127.0.0.1:5432/test')
  .parse();

async function authorFor(provider: Provider, scratchUrl: string, folder: string): Promise<boolean> {
  await migrateDeploy(scratchUrl);
  const dir = mkdtempSync(join(tmpdir(), 'migration-'));
  try {
    const live = join(dir, 'live.prisma');
    writeFileSync(live, await pullSchema(scratchUrl));
    const sql = await diffToSourceSchema(live, scratchUrl);
    if (!sql) return false;
    const target = join(schemaPaths(provider).migrations, folder);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'migration.sql'), sql.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, ''));
    console.log(`wrote ${join(target, 'migration.sql')}`);
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const [name] = program.args;
  const { postgresUrl } = program.opts<{ postgresUrl: string }>();
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name ${JSON.stringify(name)} must be snake_case (a-z, 0-9, _)`);
  writeFileSync(schemaPaths('postgresql').schema, toPostgresSchema(readFileSync(schemaPaths('sqlite').schema, 'utf8')));
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name}`;

  const sqliteDir = mkdtempSync(join(tmpdir(), 'scratch-sqlite-'));
  const schema = `scratch_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const wroteSqlite = await authorFor('sqlite', `file:${join(sqliteDir, 'scratch.db')}`, folder);
    const pgUrl = new URL(postgresUrl);
    pgUrl.searchParams.set('schema', schema);
    const wrotePg = await authorFor('postgresql', pgUrl.toString(), folder);
    if (!wroteSqlite && !wrotePg) console.log('prisma/schema.prisma matches the committed migrations: nothing to write');
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
  const count = readdirSync(schemaPaths('sqlite').migrations).filter((f) => /^\d/.test(f)).length;
  console.log(`${count} migrations in prisma/migrations`);
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
