import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { previewProps } from '../../emails/previews';
import { EMAIL_QUEUE } from '../../src/bullmq';
import { createPrismaClient, providerOf, type AppPrismaClient, type Provider } from '../../src/db';
import { insertRows, newOutboxRow } from '../../src/outbox';
import { SmtpSink } from '../support/smtp-sink';
import { BENCH_SECRET_KEY } from '../support/notifier-config';

export interface BullmqScaleOptions {
  /** An already migrated database, empty or cleaned; its outbox is emptied after each run. */
  databaseUrl: string;
  redisUrl: string;
  /** Emails per throughput run. */
  emails: number;
  /** Must include 2 unless ratePerSecond is given. */
  workerCounts: number[];
  /**
   * EMAIL_RATE_PER_SECOND asked of two workers in the rate-limit run; by
   * default half of what two workers sent without a limit in this run.
   */
  ratePerSecond?: number;
  log?: (line: string) => void;
}

export interface BullmqScaleResult {
  workers: { count: number; emailsPerSecond: number }[];
  rateLimit: { askedPerSecond: number; measuredPerSecond: number; emails: number };
}

const root = join(__dirname, '..', '..');
// Far enough ahead that no relay takes the rows before every worker is up.
const NOT_YET = new Date(Date.now() + 365 * 86_400_000);

/**
 * Outbox rows as ticket writes queue them, one recipient each, straight into
 * the table with the project's own helpers. They wait (due next year) until
 * `release` makes them due, so a run starts with every worker up: otherwise
 * the first process to boot would send alone for a while and the figure
 * would say more about start-up than about scaling.
 */
async function queueWaitingRows(prisma: AppPrismaClient, provider: Provider, count: number, tag: string) {
  const rows = Array.from({ length: count }, (_, i) =>
    newOutboxRow({
      key: `bench:${tag}:${i}`,
      ticketId: 1 + (i % 500),
      address: `reader${i}@scale.bench`,
      recipient: { kind: 'customer', id: 1 + (i % 500) },
      payload: previewProps({ recipient: { name: `Reader ${i}`, reason: 'customer' } }).payload,
      domain: 'helpdesk.bench',
      installation: 'bench',
    }),
  );
  await insertRows(prisma, rows, provider);
  await prisma.emailOutbox.updateMany({ where: { idempotencyKey: { startsWith: `bench:${tag}:` } }, data: { nextAttemptAt: NOT_YET } });
}

const release = (prisma: AppPrismaClient, tag: string) =>
  prisma.emailOutbox.updateMany({ where: { idempotencyKey: { startsWith: `bench:${tag}:` } }, data: { nextAttemptAt: new Date() } });

/** `node --import tsx`, as the tests run commands: a signal then reaches the worker itself, not a wrapper. */
function startWorkers(count: number, env: Record<string, string>): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'worker.ts')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null || w.signalCode !== null) return resolve();
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bullmq-scale: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * One run: an SMTP sink (a process of its own), `emails` rows in the outbox, `count`
 * worker processes on a fresh key prefix; resolves once the sink has every
 * message, with the sink's first and last acceptance times. Cleans up after.
 */
async function run(
  o: BullmqScaleOptions,
  prisma: AppPrismaClient,
  count: number,
  emails: number,
  extraEnv: Record<string, string>,
  warmUp = 0,
): Promise<{ firstAt: number; lastAt: number; accepted: number }> {
  const tag = randomBytes(4).toString('hex');
  const prefix = `ticket-notifier-bench:${tag}`;
  const provider = providerOf(o.databaseUrl);
  const sink = await new SmtpSink().start();
  const queue = new Queue(EMAIL_QUEUE, { connection: { url: o.redisUrl }, prefix });
  let workers: ChildProcess[] = [];
  try {
    await queueWaitingRows(prisma, provider, warmUp, `${tag}-warm`);
    await queueWaitingRows(prisma, provider, emails, tag);
    workers = startWorkers(count, {
      DATABASE_URL: o.databaseUrl,
      DELIVERY: 'bullmq',
      REDIS_URL: o.redisUrl,
      BULLMQ_PREFIX: prefix,
      EMAIL_BACKEND: 'smtp',
      SECRET_KEY: BENCH_SECRET_KEY,
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(sink.port),
      EMAIL_USE_TLS: 'false',
      NODE_ENV: 'production',
      // Production refuses links to localhost in real mail.
      SITE_URL: 'https://helpdesk.bench',
      UNSUBSCRIBE_URL: 'https://helpdesk.bench',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    });
    // Each worker process holds one blocking connection on the email queue once it is up.
    await until(async () => (await queue.getWorkersCount()) >= count, `${count} workers to start`);
    if (warmUp > 0) {
      // A fresh process renders its first emails slowly (code still being compiled); the measured
      // run is of warm workers, as a long-running one would be.
      await release(prisma, `${tag}-warm`);
      await sink.waitFor(warmUp);
      // With a rate limit, its window closes first, so the measured run starts with a full one.
      await new Promise((r) => setTimeout(r, 1_100));
      await sink.reset();
    }
    await release(prisma, tag);
    return await sink.waitFor(emails);
  } finally {
    await stopWorkers(workers);
    await queue.close();
    await sink.stop();
    await prisma.emailOutbox.deleteMany();
    await deleteKeys(o.redisUrl, prefix);
  }
}

/**
 * DELIVERY=bullmq at scale: emails per second with each number of worker
 * processes, then whether EMAIL_RATE_PER_SECOND holds for two workers
 * together. Everything is real: SQLite or PostgreSQL, Redis, worker
 * processes started as `npm run worker` would be, and an SMTP server.
 */
export async function measureBullmqScale(o: BullmqScaleOptions): Promise<BullmqScaleResult> {
  const log = o.log ?? (() => undefined);
  const prisma = createPrismaClient(o.databaseUrl);
  try {
    const workers: BullmqScaleResult['workers'] = [];
    for (const count of o.workerCounts) {
      const r = await run(o, prisma, count, o.emails, {}, 20 * count);
      // From the first accepted message to the last: n messages, n - 1 intervals.
      const emailsPerSecond = (r.accepted - 1) / ((r.lastAt - r.firstAt) / 1000);
      workers.push({ count, emailsPerSecond });
      log(`bullmq-scale: ${count} worker process${count > 1 ? 'es' : ''}: ${o.emails} emails, ${emailsPerSecond.toFixed(0)} emails/s`);
    }

    // Half of what two workers sent unlimited in this run, so the limit is what holds them back and
    // not the machine, on a fast machine or a slow one.
    const two = workers.find((w) => w.count === 2);
    if (!o.ratePerSecond && !two) throw new Error('bullmq-scale: no rate asked and no two-worker run to take half of');
    const asked = o.ratePerSecond ?? Math.max(1, Math.round(two!.emailsPerSecond / 2));
    const emails = asked * 5;
    const r = await run(o, prisma, 2, emails, { EMAIL_RATE_PER_SECOND: String(asked) }, asked);
    // BullMQ's limiter lets `max` jobs start per window of a second, the next window opening as the last
    // one closes: the rate is the emails over the windows the run used. First-to-last alone would miss
    // the last window's remainder and read high.
    const windows = Math.floor((r.lastAt - r.firstAt) / 1000) + 1;
    const measuredPerSecond = r.accepted / windows;
    const firstToLast = (r.accepted - 1) / ((r.lastAt - r.firstAt) / 1000);
    log(
      `bullmq-scale: EMAIL_RATE_PER_SECOND=${asked}, two workers: ${emails} emails in ${windows} one-second windows, ` +
        `${measuredPerSecond.toFixed(1)} emails/s (first to last: ${firstToLast.toFixed(1)}/s)`,
    );
    return { workers, rateLimit: { askedPerSecond: asked, measuredPerSecond, emails } };
  } finally {
    await prisma.$disconnect();
  }
}
