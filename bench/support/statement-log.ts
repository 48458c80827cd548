import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../src/db/generated/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../../src/db/generated/postgresql/client';
import { poolConfig } from '../../src/db/create-adapter';
import { parseDatabaseUrl, type AppPrismaClient } from '../../src/db';

/** A Prisma client like the app's, and every statement it sends, in order. */
export interface LoggedClient {
  prisma: AppPrismaClient;
  statements: string[];
  close(): Promise<void>;
}

/**
 * Built as `createPrismaClient` builds it, with the same driver adapter and
 * settings, but listening one layer below the adapter, where the driver
 * sends each statement: a pg connection's `query` (one round trip each on
 * PostgreSQL) and better-sqlite3's `prepare` (every statement the adapter
 * runs is prepared first). The adapter's own statements are caught there
 * too: adapter-pg sends BEGIN and SET TRANSACTION itself when it starts a
 * transaction, adapter-better-sqlite3 runs BEGIN itself, and Prisma sends
 * COMMIT or ROLLBACK as an ordinary statement.
 */
export function loggedPrismaClient(databaseUrl: string): LoggedClient {
  const statements: string[] = [];
  const target = parseDatabaseUrl(databaseUrl);
  if (target.provider === 'sqlite') {
    const factory = new PrismaBetterSQLite3({ url: target.file, timeout: 10_000 });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      // Not part of the adapter's types: the better-sqlite3 Database it opened.
      const driver = (adapter as unknown as { client?: { prepare(sql: string): unknown } }).client;
      if (typeof driver?.prepare !== 'function') throw new Error('statement log: this adapter-better-sqlite3 no longer keeps its Database as `client`');
      const prepare = driver.prepare.bind(driver);
      driver.prepare = (sql: string) => {
        statements.push(sql);
        return prepare(sql);
      };
      return adapter;
    };
    return { prisma: new PrismaClient({ adapter: factory }), statements, close: async () => undefined };
  }
  const pool = new pg.Pool(poolConfig(target));
  pool.on('connect', (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const q = args[0];
      statements.push(typeof q === 'string' ? q : (q as { text: string }).text);
      return query(...args);
    };
  });
  const prisma = new PostgresPrismaClient({ adapter: new PrismaPg(pool, target.schema ? { schema: target.schema } : undefined) }) as unknown as AppPrismaClient;
  return { prisma, statements, close: () => pool.end() };
}

/** The statements `fn` sends through `client`, and only those. */
export async function statementsOf(client: LoggedClient, fn: () => Promise<unknown>): Promise<string[]> {
  client.statements.length = 0;
  await fn();
  return client.statements.splice(0);
}
