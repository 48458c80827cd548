import { resolve } from 'node:path';
import { maskUrl } from '../config';

/** The two databases the project runs on. */
export type Provider = 'sqlite' | 'postgresql';

export type DatabaseTarget =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; connectionString: string; schema?: string };

export class DatabaseUrlError extends Error {
  constructor(value: string) {
    super(
      `DATABASE_URL=${JSON.stringify(maskUrl(value))} is not a supported database URL; expected file:./path.db (SQLite) or postgresql://user@host:5432/db`,
    );
    this.name = 'DatabaseUrlError';
  }
}

/** Picks the database from its URL: `file:` is SQLite, `postgres(ql)://` is PostgreSQL; nothing else is guessed. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/\?.*$/, '');
    if (path === '') throw new DatabaseUrlError(url);
    return { provider: 'sqlite', file: path === ':memory:' ? path : resolve(cwd, path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError(url);
    }
    if (!parsed.hostname) throw new DatabaseUrlError(url);
    // `?schema=` is Prisma's convention; pg itself does not know it.
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', connectionString: parsed.toString(), schema };
  }
  throw new DatabaseUrlError(url);
}
