import { TicketEmailNotification } from './api';
import { createBullmqDelivery } from './bullmq/load';
import { bindTransactions, ticketNotifications } from './capture';
import { countOverdue, sendOverdueNotifications } from './commands';
import { linkWarnings, loadConfig, type Config } from './config';
import { providerOf, type AppPrismaClient, type TransactionClient } from './db';
import { Dispatcher, rateLimiter, SHUTDOWN_GRACE_MS } from './delivery';
import { sendDigests, type DigestOptions, type DigestRunOptions } from './digest';
import { changePlanner, type EnqueueOptions, type NotifierDb } from './enqueue';
import { clientProvider, hostStore, resolveHostSchema, type HostDb, type HostSchemaOptions } from './host-schema';
import type { PreferenceScope } from './notifications';
import { createLogger, type Logger } from './logging';
import { installationKeyReader, messageIdDomain } from './outbox';
import type { RenderOptions } from './rendering';
import { createRenderer } from './rendering/shared-render';
import { closeTransport, createTransport, type MailTransport } from './transport';
import { unsubscribeSettings } from './unsubscribe';
import type { VerpSettings } from './bounces';
import { readPreferences, setPreference, type PersonRef } from './preferences';

export interface NotifierOptions<C extends object = AppPrismaClient> {
  /**
   * The app's Prisma client (bare or already extended). Its schema holds the
   * app's own models and the notifier's tables (prisma/schema/notifier.prisma).
   */
  prisma: C;
  /**
   * Which of the app's models and fields are the tickets, comments, staff
   * and customers, and what its status values mean; the defaults describe
   * this repository's schema (see "Adopting it in your helpdesk").
   */
  schema?: HostSchemaOptions;
  config?: Config;
  logger?: Logger;
  /** Any Nodemailer transporter; by default the one EMAIL_BACKEND names. */
  transport?: MailTransport;
  /** Replace some templates, keep the rest (see README, "Templates"). */
  templates?: RenderOptions['templates'];
  brand?: RenderOptions['brand'];
}

/**
 * Wires the pipeline: write → diff → outbox rows (same transaction) →
 * dispatcher → transport. `client` is the app's Prisma client with ticket
 * notifications; use it (and its $transaction) for ticket writes.
 */
export function createTicketNotifier<C extends object = AppPrismaClient>(given: NotifierOptions<C>) {
  // The app's client has its own models and the notifier's tables; the notifier's code reaches the tables
  // through this repository's client type (their file is the same in every app) and the app's models only
  // through the host-schema module.
  const options = given as unknown as NotifierOptions<AppPrismaClient>;
  const config = options.config ?? loadConfig();
  // First: a mapping that does not fit the client stops start-up here, in one line, before anything runs.
  const provider = clientProvider(options.prisma) ?? providerOf(config.databaseUrl);
  const store = hostStore(resolveHostSchema(options.prisma, options.schema), provider);
  const db = options.prisma as unknown as NotifierDb;
  const logger = options.logger ?? createLogger(config.logLevel);
  // Under NODE_ENV=production loadConfig refuses these; a hand-built config or a trial run gets a word.
  for (const warning of linkWarnings(config)) logger.warn(warning);
  const transport = options.transport ?? createTransport(config, logger);
  const domain = messageIdDomain(config.email.from);
  const embedded = config.delivery.mode === 'embedded';
  const render = createRenderer({ siteUrl: config.email.siteUrl, templates: options.templates, brand: options.brand ?? config.brand, logger });
  const enqueue: EnqueueOptions = { plan: config.notifications, messageIdDomain: domain, installationKey: installationKeyReader(), logger, provider, store };
  const verp: VerpSettings | undefined = config.bounces.address ? { address: config.bounces.address, secretKey: config.unsubscribe.secretKey } : undefined;
  // How each email is put together, the same whichever sender sends it.
  const message = {
    transport,
    render,
    from: config.email.from,
    messageIdDomain: domain,
    unsubscribe: unsubscribeSettings(config, logger),
    attachments: { ...config.email.attachments, siteUrl: config.email.siteUrl },
    verp,
  };
  const digest: DigestOptions = {
    provider,
    messageIdDomain: domain,
    defaultLocale: config.notifications.defaultLocale,
    logger,
    onQueued: () => onCommitted(),
    staffMember: async (tx, id) => {
      const person = await store.person(tx as HostDb, 'user', String(id));
      return person && person.email !== null ? { id: person.id, name: person.name, email: person.email, active: person.active, locale: person.locale } : null;
    },
  };

  // Writes record what changed; the senders of this process turn it into outbox rows before each round.
  const plan = changePlanner(options.prisma as unknown as TransactionClient, enqueue);
  // A digest sums up every email held so far, those of writes not planned yet too (a dry run plans nothing).
  const digestsOfEverythingWritten = async (run?: DigestRunOptions) => {
    if (!run?.dryRun) await plan();
    return sendDigests(options.prisma, digest, run);
  };
  const dispatcher = new Dispatcher({
    ...message,
    planChanges: plan,
    prisma: options.prisma,
    logger,
    batchSize: config.delivery.batchSize,
    leaseMs: config.delivery.leaseMs,
    pollIntervalMs: config.delivery.pollIntervalMs,
    retry: { baseMs: config.delivery.retryBaseMs, maxMs: config.delivery.retryMaxMs, maxAttempts: config.delivery.maxAttempts },
    concurrency: config.email.backend === 'smtp' ? config.email.smtp.poolSize : 1,
    provider,
    rateLimit: rateLimiter(config.email.ratePerSecond),
  });
  // DELIVERY=bullmq: rows go from the outbox to a Redis queue, and BullMQ workers send them.
  const bullmq =
    config.delivery.mode === 'bullmq'
      ? createBullmqDelivery({
          prisma: options.prisma,
          provider,
          config,
          logger,
          message,
          scanOverdue: () => sendOverdueNotifications(db, enqueue),
          runDigests: () => digestsOfEverythingWritten(),
          planChanges: plan,
        })
      : null;
  // In worker mode another process plans and sends; this one only records
  // writes. In bullmq mode this one plans them and hands the rows to the queue at once.
  const onCommitted = () => {
    if (embedded) dispatcher.kick();
    bullmq?.relay.kick();
  };

  // Typed as the app's own client: the extension changes what its writes do, not their types.
  const client = bindTransactions(options.prisma.$extends(ticketNotifications({ store, provider, enabled: config.notifications.enabled, onCommitted })), onCommitted) as unknown as C;
  if (embedded) dispatcher.start({ keepAlive: false });

  return {
    client,
    config,
    logger,
    transport,
    dispatcher,
    /** The queue, relay and workers when DELIVERY=bullmq (see docs/bullmq.md); null otherwise. */
    bullmq,
    notifications: new TicketEmailNotification(db, enqueue, onCommitted),
    /** Per-person choices of which emails to get (see README, "Preferences"). */
    preferences: {
      set: (who: PersonRef, scope: PreferenceScope, enabled: boolean) =>
        setPreference(options.prisma, who, scope, enabled, 'settings', async (kind, id) => (await store.person(db, kind, id)) !== null),
      get: (who: PersonRef) => readPreferences(options.prisma, who),
    },
    /** Queues today's overdue emails (the notify:overdue command). */
    sendOverdueNotifications: (run?: Parameters<typeof sendOverdueNotifications>[2]) => sendOverdueNotifications(db, enqueue, run),
    /** How many tickets an overdue run would read now (for a progress bar). */
    countOverdue: (now = new Date()) => countOverdue(db, enqueue, now),
    /** Queues one digest email per staff member with held emails (the notify:digest command). */
    sendDigests: (run?: DigestRunOptions) => digestsOfEverythingWritten(run),
    /**
     * Turns the writes recorded so far into outbox rows now, and returns how
     * many rows that queued. Senders do this before each round (drain() too);
     * for scripts and tests that look at the outbox itself.
     */
    planChanges: plan,
    /** Delivers everything due now; for scripts and tests. */
    drain: () => (bullmq ? bullmq.drain() : dispatcher.drain()),
    /**
     * Shuts down: stops polling, lets the sends in hand finish (and the emails
     * of writes committed just before), for at most `graceMs`; then stops the
     * BullMQ relay, workers and Redis connections, and ends each SMTP
     * connection with QUIT. Sends still unfinished after `graceMs` are given
     * up: their rows wait in the outbox, this attempt not counted.
     */
    async close(options: { graceMs?: number } = {}) {
      const finished = await dispatcher.stop(options.graceMs ?? SHUTDOWN_GRACE_MS);
      await bullmq?.close();
      await closeTransport(transport, { force: !finished });
    },
  };
}

export type TicketNotifier<C extends object = AppPrismaClient> = ReturnType<typeof createTicketNotifier<C>>;
