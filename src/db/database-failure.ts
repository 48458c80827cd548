import pg from 'pg';
import { maskUrl } from '../config';
import { poolConfig } from './create-adapter';
import { parseDatabaseUrl } from './database-url';

/** A Prisma CLI run (migrate deploy, db pull) that failed; `summary` is its own error line. */
export class PrismaCliError extends Error {
  override readonly name = 'PrismaCliError';
  constructor(
    readonly command: string,
    readonly output: string,
  ) {
    super(`prisma ${command} failed:\n${output.trim().split('\n').slice(-8).join('\n')}`);
  }

  get summary(): string {
    const line = this.output.split('\n').find((l) => /^Error\b/.test(l.trim())) ?? this.output.trim().split('\n').pop() ?? '';
    return line.trim().replace(/^Error:\s*/, '').replace(/`/g, '');
  }
}

interface PrismaLikeError {
  name?: string;
  code?: string;
  message?: string;
  syscall?: string;
  path?: string;
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalMessage?: string } } };
}

// What the driver adapters report when the connection, not the query, went wrong.
const CONNECTION_KINDS = new Set(['ConnectionClosed', 'SocketTimeout', 'TlsConnectionError', 'TooManyConnections']);

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

// The last line of a Prisma client error is its reason; the lines above quote our own source.
const reasonOf = (e: PrismaLikeError) => {
  const cause = e.meta?.driverAdapterError?.cause?.originalMessage;
  const lines = String(e.message ?? e).split('\n').filter((l) => l.trim() !== '');
  return oneLine(cause ?? lines[lines.length - 1] ?? String(e));
};

/**
 * Why PostgreSQL cannot be reached, in the system's words (ECONNREFUSED,
 * ENOTFOUND, ETIMEDOUT): Prisma's adapter keeps only "not reachable", so a
 * plain connection is tried once to hear the reason. Null if it connects now.
 */
async function unreachableReason(databaseUrl: string): Promise<string | null> {
  let target: ReturnType<typeof parseDatabaseUrl>;
  try {
    target = parseDatabaseUrl(databaseUrl);
  } catch {
    return null;
  }
  if (target.provider !== 'postgresql') return null;
  const client = new pg.Client({ ...poolConfig(target), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return null;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return e.code ?? oneLine(e.message ?? String(error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * One line that says what is wrong with the database a command was given
 * (unreachable, login refused, missing, not migrated, a SQLite file that
 * cannot be opened), with the URL's password masked; null when `error` is
 * not the database's. Commands print it instead of a stack trace.
 */
export async function describeDatabaseFailure(error: unknown, databaseUrl: string): Promise<string | null> {
  const e = (error ?? {}) as PrismaLikeError;
  const at = maskUrl(databaseUrl);
  if (error instanceof PrismaCliError) {
    if (/can't reach database server/i.test(error.output)) {
      return `cannot reach the database at ${at} (${(await unreachableReason(databaseUrl)) ?? error.summary})`;
    }
    return `prisma ${error.command} failed for the database at ${at}: ${error.summary}`;
  }
  if (e.syscall === 'mkdir' && e.code) return `cannot create the folder of the SQLite database ${at} (${e.code}: ${e.path})`;
  if (typeof e.name !== 'string' || !e.name.startsWith('PrismaClient')) return null;
  // Raw queries report every failure as P2010; the adapter's kind says what it was.
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  const is = (codes: string[], kinds: string[]) => codes.includes(e.code ?? '') || kinds.includes(kind ?? '');
  if (is(['P1001'], ['DatabaseNotReachable'])) {
    return `cannot reach the database at ${at} (${(await unreachableReason(databaseUrl)) ?? reasonOf(e)})`;
  }
  if (is(['P1000', 'P1010'], ['AuthenticationFailed', 'DatabaseAccessDenied'])) return `the database at ${at} refused the login (${reasonOf(e)})`;
  if (is(['P1003'], ['DatabaseDoesNotExist'])) return `the database at ${at} does not exist (${reasonOf(e)}); create it, then run npm run db:migrate`;
  if (is(['P2021', 'P2022'], ['TableDoesNotExist', 'ColumnNotFound'])) return `the database at ${at} is not migrated (${reasonOf(e)}); run npm run db:migrate`;
  if (e.code === 'SQLITE_CANTOPEN') return `cannot open the SQLite database ${at} (${reasonOf(e)})`;
  // P1xxx are Prisma's connection errors; anything else from the database is a bug of ours and keeps its stack.
  if (e.code?.startsWith('P1') || CONNECTION_KINDS.has(kind ?? '') || e.name === 'PrismaClientInitializationError') {
    return `the database at ${at} failed: ${reasonOf(e)}`;
  }
  return null;
}
