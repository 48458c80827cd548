import { randomBytes } from 'node:crypto';
import { createTicketNotifier, type TicketNotifier } from '../../src';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { MailCatcher } from './mail-catcher';
import { deleteKeys, TEST_REDIS_URL } from './redis-keys';
import { createTestDatabase, type TestDatabase } from './test-database';
import { redisPrefix } from './test-run';

export const SITE_URL = 'https://helpdesk.test';
export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef0123456789abcdef';

/**
 * TEST_DELIVERY=bullmq runs the delivery tests through Redis: notifiers (and
 * the worker processes tests start) use DELIVERY=bullmq, and drain() runs a
 * BullMQ worker of the notifier's own while it drains.
 */
export const onBullmq = process.env.TEST_DELIVERY === 'bullmq';

/** For tests that need Redis: they run with TEST_DELIVERY=bullmq (npm run test:bullmq), and are skipped otherwise. */
export const describeWithRedis = onBullmq ? describe : describe.skip;

// Jest loads this module once per test file, so each file, with its own
// database, gets its own key prefix: its jobs never name another file's rows.
export const bullmqPrefix = `${redisPrefix(process.env.TEST_RUN_ID ?? 'adhoc')}:${randomBytes(4).toString('hex')}`;

/** SMTP settings that point at a MailCatcher, as an app would set them in its environment. */
export function smtpEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EMAIL_BACKEND: 'smtp',
    // Required with smtp: it signs the unsubscribe links.
    SECRET_KEY: TEST_SECRET_KEY,
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(port),
    EMAIL_USE_TLS: 'false',
    EMAIL_TIMEOUT_MS: '2000',
    DEFAULT_FROM_EMAIL: 'Helpdesk <support@helpdesk.test>',
    SITE_URL,
    OUTBOX_RETRY_BASE_MS: '20',
    OUTBOX_RETRY_MAX_MS: '200',
    OUTBOX_MAX_ATTEMPTS: '50',
    OUTBOX_POLL_INTERVAL_MS: '100',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests deliver with drain(), so nothing races them in the background; delivery.test.ts covers the embedded mode.
    DELIVERY: onBullmq ? 'bullmq' : 'worker',
    ...(onBullmq ? { REDIS_URL: TEST_REDIS_URL, BULLMQ_PREFIX: bullmqPrefix } : {}),
    ...extra,
  };
}

export interface Harness {
  db: TestDatabase;
  mail: MailCatcher;
  notifier: TicketNotifier;
  /** A new notifier on the same database, e.g. with other settings. */
  makeNotifier(extra?: Record<string, string>): TicketNotifier;
  close(): Promise<void>;
}

/** A fresh database, a running SMTP server and a notifier wired to both. */
export async function createHarness(extra: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const mail = await new MailCatcher().start();
  const notifiers: TicketNotifier[] = [];
  const makeNotifier = (more: Record<string, string> = {}) => {
    const config = loadConfig({ DATABASE_URL: db.url, ...smtpEnv(mail.port, { ...extra, ...more }) });
    const n = createTicketNotifier({ prisma: db.prisma, config, logger: createLogger(config.logLevel) });
    notifiers.push(n);
    return n;
  };
  const notifier = makeNotifier();
  return {
    db,
    mail,
    notifier,
    makeNotifier,
    async close() {
      for (const n of notifiers) await n.close();
      await mail.stop();
      await db.drop();
      if (onBullmq) await deleteKeys(`${bullmqPrefix}:`);
    },
  };
}
