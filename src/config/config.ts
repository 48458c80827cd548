import type { Locale, NotificationEvent } from '../notifications';

export type EmailBackend = 'console' | 'smtp' | 'dummy' | 'file' | 'ses';

export interface SmtpSettings {
  service?: string;
  host: string;
  port: number;
  useTls: boolean;
  useSsl: boolean;
  user?: string;
  password?: string;
  timeoutMs: number;
  poolSize: number;
}

// The validated, typed shape the rest of the project reads. Built once from
// the environment by loadConfig, or by hand in tests and embedding apps.
export interface Config {
  databaseUrl: string;
  logLevel: string;
  email: {
    backend: EmailBackend;
    smtp: SmtpSettings;
    filePath: string;
    /** Sends per second per process; 0 means no limit. */
    ratePerSecond: number;
    awsRegion?: string;
    from: string;
    siteUrl: string;
    /** Comment files: attached up to these sizes, linked beyond them; read only from inside `root` (an absolute path). */
    attachments: { maxBytes: number; totalMaxBytes: number; root: string };
  };
  bounces: {
    /** Hard bounces after which an address is bouncing and gets no email. */
    hardLimit: number;
    /** The bounce mailbox; when set, each email's envelope sender is this address tagged with the signed outbox id (VERP). */
    address?: string;
    /** bounces:ingest skips report files larger than this. */
    maxReportBytes: number;
  };
  brand: { name: string; color: string; logoUrl?: string; footer?: string };
  notifications: {
    enabled: boolean;
    notifyActor: boolean;
    events: Record<NotificationEvent, boolean>;
    /** The language of recipients who have none of their own. */
    defaultLocale: Locale;
  };
  delivery: {
    mode: 'embedded' | 'worker' | 'bullmq';
    pollIntervalMs: number;
    batchSize: number;
    maxAttempts: number;
    leaseMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  /** One-click unsubscribe: how links are signed and where they point (see src/unsubscribe). */
  unsubscribe: {
    /** SECRET_KEY, or a fixed development key with backends that reach no real inbox, outside production (see secret-key.ts). */
    secretKey: string;
    /** True when secretKey is the fixed development key; the notifier warns once. */
    developmentKey: boolean;
    tokenDays: number;
    /** Public base URL of `npm run serve`; links go to `<url>/unsubscribe?token=…`. */
    url: string;
    /** A bare address for the mailto: form of List-Unsubscribe. */
    mailto: string;
    /** Where `npm run serve` listens by default. */
    servePort: number;
    /** The address it listens on by default: loopback, behind a proxy. */
    serveHost: string;
  };
  /** Read only when delivery.mode is 'bullmq'. */
  bullmq: {
    redisUrl: string;
    /** Prefix of every Redis key the queues use. */
    prefix: string;
    /** When workers queue the overdue emails: a cron pattern, in UTC. */
    overdueCron: string;
    /** When workers queue the daily digests: a cron pattern, in UTC. */
    digestCron: string;
  };
}
