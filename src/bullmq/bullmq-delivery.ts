import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OverdueRun } from '../commands';
import type { DigestRun } from '../digest';
import type { Config } from '../config';
import type { AppPrismaClient, Provider } from '../db';
import type { DeliverRowOptions, DrainResult } from '../delivery';
import type { Logger } from '../logging';
import { describeFailure } from '../transport';
import { createProducerConnection, logRedisErrors, whenReady } from './connection';
import { countOutcomes, handOverDue, waitUntilAttempted } from './drain';
import type { EmailJobData, EmailJobResult } from './email-job';
import { createEmailWorker, type EmailWorkerOptions } from './email-worker';
import { createDigestWorker, registerDigestSchedule } from './digest-schedule';
import { DIGEST_QUEUE, EMAIL_QUEUE, OVERDUE_QUEUE } from './names';
import { OutboxRelay } from './outbox-relay';
import { createOverdueWorker, registerOverdueSchedule } from './overdue-schedule';
import { closeWorker, type CountedWorker } from './worker-lifecycle';

// A worker that stalls for a moment (a busy machine, or code loading on its
// first render) must not look dead: the lease of a row it is sending, and
// BullMQ's lock on the job, last at least this long whatever OUTBOX_LEASE_MS says.
const MIN_SEND_LEASE_MS = 5_000;

export interface BullmqDeliveryOptions {
  prisma: AppPrismaClient;
  provider: Provider;
  config: Config;
  logger: Logger;
  /** How a row becomes a message, as the dispatcher has it. */
  message: Pick<DeliverRowOptions, 'transport' | 'render' | 'from' | 'messageIdDomain' | 'unsubscribe' | 'attachments' | 'verp'>;
  /** Queues today's overdue emails (the notify:overdue scan). */
  scanOverdue: () => Promise<OverdueRun>;
  /** Queues the daily digests (the notify:digest run). */
  runDigests: () => Promise<DigestRun>;
  /** Turns recorded writes into outbox rows (see OutboxRelayOptions). */
  planChanges?: () => Promise<unknown>;
}

/**
 * DELIVERY=bullmq, assembled: the relay that moves outbox rows into Redis,
 * the queues, and the workers that send and run the overdue schedule. The
 * app uses the relay (kicked after each commit); `npm run worker` calls
 * start(); drain() delivers what is due with a worker of its own.
 */
export class BullmqDelivery {
  readonly redis: Redis;
  readonly emailQueue: Queue<EmailJobData, EmailJobResult>;
  readonly overdueQueue: Queue;
  readonly digestQueue: Queue;
  readonly relay: OutboxRelay;
  /** The worker command's workers, which run until close(). */
  private emailWorker: CountedWorker<EmailJobData, EmailJobResult> | null = null;
  private overdueWorker: CountedWorker | null = null;
  private digestWorker: CountedWorker | null = null;
  private closed = false;
  private draining: Promise<unknown> = Promise.resolve();
  private scheduleRetry: NodeJS.Timeout | null = null;

  constructor(private readonly o: BullmqDeliveryOptions) {
    const { bullmq, delivery } = o.config;
    this.redis = createProducerConnection(bullmq.redisUrl);
    // Reported by the relay, once per outage; ioredis would print each failed reconnect.
    this.redis.on('error', (error) => o.logger.debug({ err: describeFailure(error) }, 'Redis connection error'));
    // The producer connection never waits: no version check or ready wait that could hang while Redis is down.
    const queueOptions = { connection: this.redis, prefix: bullmq.prefix, skipVersionCheck: true, skipWaitingForReady: true };
    this.emailQueue = new Queue<EmailJobData, EmailJobResult>(EMAIL_QUEUE, queueOptions);
    this.overdueQueue = new Queue(OVERDUE_QUEUE, queueOptions);
    this.digestQueue = new Queue(DIGEST_QUEUE, queueOptions);
    for (const queue of [this.emailQueue, this.overdueQueue, this.digestQueue]) queue.on('error', logRedisErrors(o.logger, 'BullMQ queue'));
    this.relay = new OutboxRelay({
      prisma: o.prisma,
      provider: o.provider,
      queue: this.emailQueue,
      redis: this.redis,
      logger: o.logger,
      batchSize: delivery.batchSize,
      leaseMs: delivery.leaseMs,
      pollIntervalMs: delivery.pollIntervalMs,
      maxAttempts: delivery.maxAttempts,
      planChanges: o.planChanges,
    });
  }

  /**
   * The worker command: relay on a timer, send from the queue until close(),
   * and keep the overdue schedule registered.
   */
  async start(): Promise<void> {
    this.relay.start({ keepAlive: true });
    this.emailWorker ??= this.run(createEmailWorker(this.emailWorkerOptions()));
    this.overdueWorker ??= this.run(createOverdueWorker({
      redisUrl: this.o.config.bullmq.redisUrl,
      prefix: this.o.config.bullmq.prefix,
      logger: this.o.logger,
      scan: async () => {
        const run = await this.o.scanOverdue();
        this.relay.kick();
        return run;
      },
    }));
    this.digestWorker ??= this.run(createDigestWorker({
      redisUrl: this.o.config.bullmq.redisUrl,
      prefix: this.o.config.bullmq.prefix,
      logger: this.o.logger,
      run: async () => {
        const run = await this.o.runDigests();
        this.relay.kick();
        return run;
      },
    }));
    await this.registerSchedule();
  }

  /**
   * Delivers every row due now through the queue, with this process's worker
   * running for the while, and resolves once each has had its attempt.
   * Rejects, leaving the rows in the outbox, when Redis is unreachable.
   */
  drain(): Promise<DrainResult> {
    const run = this.draining.then(() => this.drainOnce());
    this.draining = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.scheduleRetry) clearTimeout(this.scheduleRetry);
    await this.relay.stop();
    await Promise.all([this.emailWorker, this.overdueWorker, this.digestWorker].map((worker) => worker && closeWorker(worker, this.redisUp)));
    await Promise.all([this.emailQueue.close(), this.overdueQueue.close(), this.digestQueue.close()]);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async drainOnce(): Promise<DrainResult> {
    // The caller hears of an unreachable Redis from the rejection; a log line too would say it twice.
    // Asked first: with Redis down nothing is planned or handed over, and the writes wait as they are.
    await this.relay.assertRedisReachable({ log: false });
    await this.o.planChanges?.();
    const asOf = new Date();
    // Between drains nothing sends in the background, as with the dispatcher:
    // unless the worker command's worker runs, drain() brings a worker of its
    // own and closes it when done. A fresh worker also looks for due retries
    // at once, where one resumed after a pause could sleep on a stale wait.
    const own = this.emailWorker ? null : this.run(createEmailWorker(this.emailWorkerOptions()));
    let ids: Set<number>;
    try {
      ids = await handOverDue(this.o.prisma, this.emailQueue, this.relay, asOf);
      await waitUntilAttempted(this.o.prisma, this.emailQueue, ids);
    } finally {
      if (own) await closeWorker(own, this.redisUp);
    }
    return countOutcomes(this.o.prisma, [...ids]);
  }

  private readonly redisUp = () => this.redis.status === 'ready';

  private run<W extends Worker>(worker: W): W {
    worker.run().catch((error) => this.o.logger.error({ err: describeFailure(error) }, 'BullMQ worker stopped'));
    return worker;
  }

  private emailWorkerOptions(): EmailWorkerOptions {
    const { config, prisma, logger, message } = this.o;
    return {
      redisUrl: config.bullmq.redisUrl,
      prefix: config.bullmq.prefix,
      concurrency: config.email.backend === 'smtp' ? config.email.smtp.poolSize : 1,
      ratePerSecond: config.email.ratePerSecond,
      logger,
      send: {
        ...message,
        prisma,
        provider: this.o.provider,
        logger,
        retry: { baseMs: config.delivery.retryBaseMs, maxMs: config.delivery.retryMaxMs, maxAttempts: config.delivery.maxAttempts },
        leaseMs: Math.max(config.delivery.leaseMs, MIN_SEND_LEASE_MS),
        // BullMQ's limiter spaces the jobs out across all workers.
        rateLimit: async () => undefined,
      },
    };
  }

  /** Redis may be down when a worker starts; it keeps trying until the schedule is registered. */
  private async registerSchedule(): Promise<void> {
    try {
      await whenReady(this.redis, 5_000);
      await registerOverdueSchedule(this.overdueQueue, this.o.config.bullmq.overdueCron);
      await registerDigestSchedule(this.digestQueue, this.o.config.bullmq.digestCron);
    } catch (error) {
      if (this.closed) return;
      this.o.logger.warn({ err: describeFailure(error) }, 'could not register the overdue schedule yet; trying again');
      this.scheduleRetry = setTimeout(() => void this.registerSchedule(), 5_000);
    }
  }
}
