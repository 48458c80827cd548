import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, migrateDeploy, providerOf, type AppPrismaClient, type Provider } from '../../src/db';

export interface BenchDatabase {
  url: string;
  provider: Provider;
  /** A bare client: no notifications. */
  prisma: AppPrismaClient;
  /** Empties every table, so each measurement starts from the same state. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * A scratch database with the committed migrations applied: a file under
 * data/bench for SQLite, or a new database on the server DATABASE_URL points
 * at for PostgreSQL. The database DATABASE_URL names is never touched.
 */
export async function createBenchDatabase(baseUrl: string | undefined): Promise<BenchDatabase> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  let dropStore: () => Promise<void>;
  if (!baseUrl || providerOf(baseUrl) === 'sqlite') {
    // On disk, not in memory: commits pay for their fsync as they would in an app.
    const dir = join(__dirname, '..', '..', 'data', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-${suffix}.db`);
    url = `file:${file}`;
    dropStore = async () => {
      for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    };
  } else {
    const name = `ticket_notifier_bench_${suffix}`;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE "${name}"`);
    url = withDatabase(baseUrl, name);
    dropStore = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  await migrateDeploy(url);
  const prisma = createPrismaClient(url);
  return {
    url,
    provider: providerOf(url),
    prisma,
    async reset() {
      await prisma.emailOutbox.deleteMany();
      await prisma.ticketComment.deleteMany();
      await prisma.ticket.deleteMany();
      await prisma.customer.deleteMany();
      await prisma.user.deleteMany();
    },
    async drop() {
      await prisma.$disconnect();
      await dropStore();
    },
  };
}
