import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { schemaPaths } from './schema-paths';
import { parseDatabaseUrl } from './database-url';
import { PrismaCliError } from './database-failure';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');

/** Runs Prisma's CLI against one database; the config file picks schema, migrations and adapter from DATABASE_URL. */
export async function prisma(args: string[], databaseUrl: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new PrismaCliError(args.join(' '), e.stderr || e.stdout || e.message);
  }
}

/** Applies the committed migrations, as production does. */
export function migrateDeploy(databaseUrl: string): Promise<string> {
  return prisma(['migrate', 'deploy'], databaseUrl);
}

/** The schema a database really has, read back by introspection. */
export async function pullSchema(databaseUrl: string): Promise<string> {
  const printed = await prisma(['db', 'pull', '--print'], databaseUrl);
  // The CLI prints its driver-adapter notice on stdout before the schema. A
  // schema folder is printed file by file, each under a `// <path>` line.
  const start = printed.search(/^(\/\/ \S+\.prisma$|generator |datasource |model |enum )/m);
  return unquoteEnumDefaults(start < 0 ? printed : printed.slice(start));
}

// SQLite stores enums as text, and introspection writes their defaults as
// strings (`@default("new")`), which the schema parser then rejects. The
// pattern stays on one line: with \s it could start on the field above and
// read that field's type.
function unquoteEnumDefaults(schema: string): string {
  const enums = new Set([...schema.matchAll(/^enum (\w+)/gm)].map((m) => m[1]));
  return schema.replace(/^([ \t]+\w+[ \t]+(\w+)\??[ \t]+.*@default\()"(\w+)"\)/gm, (line, head: string, type: string, value: string) =>
    enums.has(type) ? `${head}${value})` : line,
  );
}

/** SQL that turns the `from` datamodel into the provider's source schema; empty when they match. */
export async function diffToSourceSchema(fromSchemaFile: string, databaseUrl: string): Promise<string> {
  const { provider } = parseDatabaseUrl(databaseUrl);
  const sql = await prisma(
    ['migrate', 'diff', '--from-schema-datamodel', fromSchemaFile, '--to-schema-datamodel', schemaPaths(provider).schema, '--script'],
    databaseUrl,
  );
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
}
