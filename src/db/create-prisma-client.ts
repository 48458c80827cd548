import { PrismaClient } from './generated/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { createAdapter } from './create-adapter';
import { parseDatabaseUrl, type Provider } from './database-url';

/**
 * The app's Prisma client type. Both generated clients come from one schema
 * (see postgres-schema.ts), so they share this shape; the SQLite one names it.
 */
export type AppPrismaClient = PrismaClient;

/** A bare Prisma client for DATABASE_URL: SQLite for `file:`, PostgreSQL for `postgres(ql)://`. */
export function createPrismaClient(databaseUrl: string): AppPrismaClient {
  const target = parseDatabaseUrl(databaseUrl);
  const adapter = createAdapter(target);
  if (target.provider === 'sqlite') return new PrismaClient({ adapter });
  return new PostgresPrismaClient({ adapter }) as unknown as AppPrismaClient;
}

export function providerOf(databaseUrl: string): Provider {
  return parseDatabaseUrl(databaseUrl).provider;
}
