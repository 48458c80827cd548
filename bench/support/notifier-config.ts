import { loadConfig, type Config } from '../../src/config';

/** Signs the unsubscribe links of the benchmark's emails (SECRET_KEY is required with smtp). */
export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789abcdef0123456789abcdef';

/**
 * The settings the benchmark runs the project with: the documented defaults,
 * a separate sender (DELIVERY=worker) so writes are timed alone, and SMTP to
 * the in-process sink when a port is given.
 */
export function benchConfig(databaseUrl: string, smtpPort?: number, extra: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    DELIVERY: 'worker',
    DEFAULT_FROM_EMAIL: 'Helpdesk <support@helpdesk.bench>',
    SITE_URL: 'https://helpdesk.bench',
    ...(smtpPort ? { EMAIL_BACKEND: 'smtp', SECRET_KEY: BENCH_SECRET_KEY, EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(smtpPort), EMAIL_USE_TLS: 'false' } : { EMAIL_BACKEND: 'dummy' }),
    ...extra,
  });
}
