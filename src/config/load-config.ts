import { resolve } from 'node:path';
import { notificationEvents, type NotificationEvent } from '../notifications';
import { envSchema, switchName } from './env-schema';
import type { Config } from './config';
import { resolveSecretKey, sendsRealMail } from './secret-key';
import { linkBaseProblems } from './public-links';
import { mailDomain } from './mail-domain';
import { maskUrl } from './mask-url';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const SECRET = /PASSWORD|SECRET|KEY/;

// A URL's password (DATABASE_URL, REDIS_URL) must not reach a log either.
function withoutPassword(name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/_URL$/.test(name)) return maskUrl(value);
  return value.includes('@') ? value.replace(/:[^:@/]*@/, ':***@') : value;
}

function describe(name: string, value: unknown): string {
  if (value === undefined) return `${name} (unset)`;
  const shown = SECRET.test(name) ? '***' : JSON.stringify(withoutPassword(name, value));
  return `${name}=${shown}`;
}

export interface LoadOptions {
  /**
   * The command about to run checks signatures on links from outside (e.g.
   * `npm run serve`): it needs SECRET_KEY whatever the backend.
   */
  secretKeyRequiredBy?: string;
}

/**
 * Validates the environment and returns the typed config, or throws one
 * ConfigError naming every bad variable. NODE_ENV=production (read here, not
 * one of our settings) turns what would be development conveniences into
 * errors: no SECRET_KEY, and with real mail, links to localhost or plain http.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, options: LoadOptions = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${describe(name, env[name])} ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data as typeof parsed.data & Record<string, boolean>;
  const events = Object.fromEntries(notificationEvents.map((ev) => [ev, e[switchName(ev)]])) as Record<
    NotificationEvent,
    boolean
  >;
  const production = env.NODE_ENV?.trim() === 'production';
  const secret = resolveSecretKey(e.EMAIL_BACKEND, e.SECRET_KEY, { production, requiredBy: options.secretKeyRequiredBy });
  const siteUrl = e.SITE_URL.replace(/\/+$/, '');
  const unsubscribeUrl = (e.UNSUBSCRIBE_URL ?? `http://localhost:${e.SERVE_PORT}`).replace(/\/+$/, '');
  // Outside production these are warnings, logged by the notifier that sends.
  const linkProblems =
    production && sendsRealMail(e.EMAIL_BACKEND)
      ? linkBaseProblems(siteUrl, unsubscribeUrl).map((p) => `${p} (NODE_ENV=production with EMAIL_BACKEND=${e.EMAIL_BACKEND})`)
      : [];
  const problems = [...('problem' in secret ? [secret.problem] : []), ...linkProblems];
  if (problems.length > 0 || 'problem' in secret) throw new ConfigError(problems);
  return {
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    email: {
      backend: e.EMAIL_BACKEND,
      smtp: {
        service: e.EMAIL_SERVICE,
        host: e.EMAIL_HOST,
        port: e.EMAIL_PORT,
        useTls: e.EMAIL_USE_TLS,
        useSsl: e.EMAIL_USE_SSL,
        user: e.EMAIL_HOST_USER,
        password: e.EMAIL_HOST_PASSWORD,
        timeoutMs: e.EMAIL_TIMEOUT_MS,
        poolSize: e.EMAIL_POOL_SIZE,
      },
      filePath: e.EMAIL_FILE_PATH,
      ratePerSecond: e.EMAIL_RATE_PER_SECOND,
      awsRegion: e.AWS_REGION,
      from: e.DEFAULT_FROM_EMAIL,
      siteUrl,
      attachments: { maxBytes: e.EMAIL_ATTACHMENT_MAX_BYTES, totalMaxBytes: e.EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES, root: resolve(e.EMAIL_ATTACHMENT_ROOT) },
    },
    bounces: { hardLimit: e.BOUNCE_HARD_LIMIT, address: e.BOUNCE_ADDRESS?.trim(), maxReportBytes: e.BOUNCE_REPORT_MAX_BYTES },
    brand: { name: e.BRAND_NAME, color: e.BRAND_COLOR, logoUrl: e.BRAND_LOGO_URL, footer: e.BRAND_FOOTER },
    notifications: {
      enabled: e.EMAIL_NOTIFICATIONS_ENABLED,
      notifyActor: e.EMAIL_NOTIFY_ACTOR,
      events,
      defaultLocale: e.EMAIL_DEFAULT_LOCALE,
    },
    delivery: {
      mode: e.DELIVERY,
      pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
      batchSize: e.OUTBOX_BATCH_SIZE,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      leaseMs: e.OUTBOX_LEASE_MS,
      retryBaseMs: e.OUTBOX_RETRY_BASE_MS,
      retryMaxMs: e.OUTBOX_RETRY_MAX_MS,
    },
    unsubscribe: {
      secretKey: secret.key,
      developmentKey: secret.development,
      tokenDays: e.UNSUBSCRIBE_TOKEN_DAYS,
      url: unsubscribeUrl,
      mailto: e.UNSUBSCRIBE_MAILTO ?? `unsubscribe@${mailDomain(e.DEFAULT_FROM_EMAIL)}`,
      servePort: e.SERVE_PORT,
      serveHost: e.SERVE_HOST,
    },
    bullmq: { redisUrl: e.REDIS_URL, prefix: e.BULLMQ_PREFIX, overdueCron: e.OVERDUE_CRON, digestCron: e.DIGEST_CRON },
  };
}
