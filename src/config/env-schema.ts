import { isIP } from 'node:net';
import { parse, resolve } from 'node:path';
import { z } from 'zod';
import wellKnown from 'nodemailer/lib/well-known';
import { locales, notificationEvents, type NotificationEvent } from '../notifications';
import { DEFAULT_DATABASE_URL } from './defaults';
import { cronProblem } from './cron-pattern';
import { secretKeyProblem } from './secret-key';

// Every variable the project reads, with its default. Defaults make the
// project run with no .env at all: SQLite file, console backend.

const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const v = value.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false (${name})` });
      return z.NEVER;
    });

const integer = (min: number, max: number, fallback: number, what = 'an integer') =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      if (!/^-?\d+$/.test(value.trim())) {
        ctx.addIssue({ code: 'custom', message: `is not a whole number; expected ${what} from ${min} to ${max}` });
        return z.NEVER;
      }
      const n = Number(value);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `is out of range; expected ${what} from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

// An empty value means "not set", as it does for every other variable.
const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number], message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.enum(values, { message }).optional().default(fallback as never));

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v.trim()));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const databaseUrl = text(DEFAULT_DATABASE_URL).refine(
  (v) => v.startsWith('file:') || v.startsWith('postgres://') || v.startsWith('postgresql://'),
  { message: 'is not a supported database URL; expected file:./path.db (SQLite) or postgresql://user@host:5432/db' },
);

const httpUrl = (fallback: string) =>
  text(fallback).refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'is not an http(s) URL; expected e.g. https://helpdesk.example.com' },
  );

// Accepts `addr@host` or `Name <addr@host>`; the header writer escapes the name.
const mailbox = (fallback: string) =>
  text(fallback).refine((v) => /^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*>?$/.test(v), {
    message: 'is not an email address; expected noreply@example.com or "Helpdesk <noreply@example.com>"',
  });

const emailService = optionalText.refine((v) => v === undefined || wellKnown(v) !== false, {
  message: 'is not a service Nodemailer knows; expected a name such as gmail, SendGrid, Mailgun, SES-US-EAST-1 (see Nodemailer well-known services)',
});

// DELIVERY=bullmq: the Redis that holds the queue. ioredis reads user,
// password and database number from the URL; rediss:// turns on TLS.
const redisUrl = text('redis://127.0.0.1:6379').refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'is not a Redis URL; expected redis://host:6379 (or redis://:password@host:6379/0, rediss:// for TLS)' },
);

// Part of every Redis key name, so deployments can share one Redis.
const keyPrefix = (fallback: string) =>
  text(fallback).refine((v) => /^[A-Za-z0-9_.:{}-]{1,100}$/.test(v), {
    message: 'is not a usable key prefix; expected up to 100 letters, digits or - _ . : { } (e.g. ticket-notifier)',
  });

// Checked with the parser the job scheduler uses, in UTC as the scheduler runs it.
const cronPattern = (fallback: string) =>
  text(fallback).transform((v, ctx) => {
    const problem = cronProblem(v);
    if (problem === null) return v;
    ctx.addIssue({
      code: 'custom',
      message: `is not a cron pattern (${problem}); expected five fields, minute hour day month weekday, in UTC (e.g. 0 9 * * * for 09:00 daily), or six with seconds first`,
    });
    return z.NEVER;
  });

const switchName = (event: NotificationEvent) => `EMAIL_NOTIFY_${event.toUpperCase()}`;

const switches = Object.fromEntries(notificationEvents.map((e) => [switchName(e), bool(switchName(e), true)])) as Record<
  string,
  ReturnType<typeof bool>
>;

export const envSchema = z.object({
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: choice(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'info',
    'is not a log level; expected one of fatal, error, warn, info, debug, trace, silent',
  ),

  EMAIL_BACKEND: choice(['console', 'smtp', 'dummy', 'file', 'ses'], 'console', 'is not a backend; expected one of console, smtp, dummy, file, ses'),
  EMAIL_SERVICE: emailService,
  EMAIL_HOST: text('localhost'),
  EMAIL_PORT: integer(1, 65535, 587, 'a port number'),
  EMAIL_USE_TLS: bool('EMAIL_USE_TLS', true),
  EMAIL_USE_SSL: bool('EMAIL_USE_SSL', false),
  EMAIL_HOST_USER: optionalText,
  EMAIL_HOST_PASSWORD: optionalText,
  EMAIL_TIMEOUT_MS: integer(100, 600_000, 20_000, 'milliseconds'),
  EMAIL_POOL_SIZE: integer(1, 50, 5, 'a connection count'),
  EMAIL_FILE_PATH: text('./data/mail'),
  EMAIL_RATE_PER_SECOND: integer(0, 100_000, 0, 'emails per second (0 for no limit)'),
  // Comment files sent with the email; larger ones, and any past the total, are linked instead.
  EMAIL_ATTACHMENT_MAX_BYTES: integer(0, 100 * 1024 * 1024, 5 * 1024 * 1024, 'a size in bytes (0 attaches nothing)'),
  EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES: integer(0, 100 * 1024 * 1024, 10 * 1024 * 1024, 'a size in bytes (0 attaches nothing)'),
  // The only folder comment files are read from: a stored path that leads anywhere else is never mailed.
  EMAIL_ATTACHMENT_ROOT: text('./data/attachments').refine((v) => resolve(v) !== parse(resolve(v)).root, {
    message: 'is the whole file system; expected the folder your app keeps comment files in, e.g. ./data/attachments',
  }),
  // Hard bounces (bounces:ingest) after which an address gets no more email.
  BOUNCE_HARD_LIMIT: integer(1, 1000, 1, 'a number of hard bounces'),
  // Set: each email's envelope sender is <local>+<signed outbox id>@<domain> of it (VERP), so a bounce
  // names the email it answers. The tag takes 36 characters of the 64 a local part may have (RFC 5321).
  BOUNCE_ADDRESS: optionalText.refine((v) => v === undefined || /^[^\s@<>+"]{1,28}@[^\s@<>]+\.[^\s@<>]+$/.test(v.trim()), {
    message: 'is not a bare email address with a local part of at most 28 characters and no +; expected e.g. bounces@helpdesk.example',
  }),
  // bounces:ingest skips larger files with a warning: parsing holds a file in memory several times over.
  BOUNCE_REPORT_MAX_BYTES: integer(1024, 100 * 1024 * 1024, 10 * 1024 * 1024, 'a size in bytes'),
  AWS_REGION: optionalText,
  DEFAULT_FROM_EMAIL: mailbox('Helpdesk <noreply@helpdesk.localhost>'),
  SITE_URL: httpUrl('http://localhost:8000'),

  BRAND_NAME: text('Helpdesk').refine((v) => v.length <= 80 && !/[\u0000-\u001f]/.test(v), {
    message: 'is not a usable brand name; expected one line of at most 80 characters',
  }),
  BRAND_COLOR: text('#2563eb').refine((v) => /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v), {
    message: 'is not a colour; expected a hex colour such as #2563eb or #25e',
  }),
  BRAND_LOGO_URL: optionalText.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return new URL(v).protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'is not an https URL; expected e.g. https://example.com/logo.png (mail clients block plain http images)' },
  ),
  BRAND_FOOTER: optionalText,

  EMAIL_NOTIFICATIONS_ENABLED: bool('EMAIL_NOTIFICATIONS_ENABLED', true),
  EMAIL_NOTIFY_ACTOR: bool('EMAIL_NOTIFY_ACTOR', false),
  ...switches,
  EMAIL_DEFAULT_LOCALE: choice(locales, 'en', `is not a language the templates have; expected one of ${locales.join(', ')}`),

  DELIVERY: choice(['embedded', 'worker', 'bullmq'], 'embedded', 'is not a delivery mode; expected one of embedded, worker, bullmq'),
  OUTBOX_POLL_INTERVAL_MS: integer(10, 3_600_000, 1000, 'milliseconds'),
  OUTBOX_BATCH_SIZE: integer(1, 1000, 50, 'a row count'),
  OUTBOX_MAX_ATTEMPTS: integer(1, 100, 8, 'an attempt count'),
  OUTBOX_LEASE_MS: integer(1000, 3_600_000, 120_000, 'milliseconds'),
  OUTBOX_RETRY_BASE_MS: integer(10, 86_400_000, 30_000, 'milliseconds'),
  OUTBOX_RETRY_MAX_MS: integer(10, 86_400_000, 3_600_000, 'milliseconds'),

  REDIS_URL: redisUrl,
  BULLMQ_PREFIX: keyPrefix('ticket-notifier'),
  OVERDUE_CRON: cronPattern('0 9 * * *'),
  DIGEST_CRON: cronPattern('0 17 * * *'),

  // Signs unsubscribe links. Required with a backend that reaches real inboxes (see load-config).
  // A weak key is refused whatever the backend (rule in secret-key.ts).
  SECRET_KEY: optionalText.superRefine((v, ctx) => {
    const problem = v === undefined ? null : secretKeyProblem(v);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  }),
  UNSUBSCRIBE_TOKEN_DAYS: integer(1, 3650, 90, 'a number of days'),
  // Unset: http://localhost:SERVE_PORT, where `npm run serve` listens.
  UNSUBSCRIBE_URL: optionalText.refine((v) => v === undefined || httpUrl('http://localhost').safeParse(v).success, {
    message: 'is not an http(s) URL; expected the public base URL of `npm run serve`, e.g. https://mail.example.com',
  }),
  // Unset: unsubscribe@ the domain of DEFAULT_FROM_EMAIL.
  UNSUBSCRIBE_MAILTO: optionalText.refine((v) => v === undefined || /^[^\s@<>]+@[^\s@<>]+$/.test(v), {
    message: 'is not a bare email address; expected e.g. unsubscribe@example.com',
  }),
  SERVE_PORT: integer(1, 65535, 3025, 'a port number'),
  // Loopback unless chosen: the pages show (masked) addresses, and a proxy in front provides https.
  SERVE_HOST: text('127.0.0.1').refine((v) => isIP(v) !== 0 || /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(v), {
    message: 'is not an address to listen on; expected an IP address (127.0.0.1, 0.0.0.0 for every interface, ::) or a host name',
  }),
});

export type RawEnv = z.input<typeof envSchema>;
export { switchName };
