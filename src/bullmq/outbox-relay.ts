import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppPrismaClient, Provider } from '../db';
import { Rounds } from '../delivery';
import type { Logger } from '../logging';
import { claimDueRows, releaseRows } from '../outbox';
import { describeFailure } from '../transport';
import { whenReady } from './connection';
import { emailJobOptions, type EmailJobData } from './email-job';
import { RedisUnavailableError } from './errors';
import { newClaimToken } from './names';

export interface OutboxRelayOptions {
  prisma: AppPrismaClient;
  provider: Provider;
  queue: Queue<EmailJobData>;
  /** The queue's connection, which fails fast (see connection.ts). */
  redis: Redis;
  logger: Logger;
  batchSize: number;
  leaseMs: number;
  pollIntervalMs: number;
  maxAttempts: number;
  /** Turns recorded writes into outbox rows; run before each round claims, so their emails are in it. */
  planChanges?: () => Promise<unknown>;
}

// How long a relay round waits for the connection before it leaves the rows
// for the next round: longer for the first connection of a process that just
// started (a busy machine can take a moment), briefly once it was up.
const FIRST_CONNECT_MS = 5_000;
const RECONNECT_GRACE_MS = 1_000;

// Relay rounds running in this process, of every relay. drain() waits for
// them first: a round that has claimed rows but not yet added their jobs
// holds rows that look neither due nor queued.
let roundsRunning = 0;
const whenSettled: (() => void)[] = [];

export function relayRoundsSettled(): Promise<void> {
  return roundsRunning === 0 ? Promise.resolve() : new Promise((resolve) => whenSettled.push(resolve));
}

/**
 * Moves committed outbox rows into the BullMQ queue: claims due rows (SKIP
 * LOCKED on PostgreSQL, so relays in many processes take disjoint rows) and
 * adds one job per row, with the row id as job id. The rows stay claimed,
 * `sending` with a lease, while BullMQ owns them; the worker writes their
 * outcome. If the lease runs out while a job still waits, the next round
 * claims the row again and adds the same job id, which BullMQ ignores.
 *
 * When Redis is down the rows are released at once and stay in the outbox;
 * writes never touch Redis, so the app carries on, and the next round (a poll
 * or the next commit) hands them over once Redis is back.
 */
export class OutboxRelay {
  private readonly rounds: Rounds<number[]>;
  private redisDown = false;
  private connectedOnce = false;
  /** Why the connection last failed (connect ECONNREFUSED …, WRONGPASS …), to say when Redis is unreachable. */
  private lastConnectionError: string | null = null;

  constructor(private readonly o: OutboxRelayOptions) {
    this.rounds = new Rounds((more, asOf) => this.relayRounds(more, asOf), o.pollIntervalMs);
    o.redis.on('error', (error) => (this.lastConnectionError = describeFailure(error)));
    o.redis.on('ready', () => (this.lastConnectionError = null));
  }

  /** Relays soon, off the caller's path; calls during a round make it go round once more. */
  kick(): void {
    this.rounds.kick();
  }

  /** Relays every pollIntervalMs: rows other processes queued, and rows whose lease ran out. */
  start(options: { keepAlive: boolean }): void {
    this.rounds.start(options);
  }

  async stop(): Promise<void> {
    await this.rounds.stop();
  }

  /**
   * Hands every row due by `asOf` to the queue and resolves with their ids.
   * Rejects with RedisUnavailableError, the rows back in the outbox, when
   * Redis cannot take them.
   */
  relayDue(asOf?: Date): Promise<number[]> {
    return this.rounds.run(asOf);
  }

  private async relayRounds(more: () => boolean, asOf?: Date): Promise<number[]> {
    const ids: number[] = [];
    roundsRunning++;
    try {
      do {
        await this.o.planChanges?.();
        for (;;) {
          const batch = await this.relayBatch(asOf ?? new Date());
          ids.push(...batch);
          if (batch.length < this.o.batchSize) break;
        }
      } while (more());
      return ids;
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) this.o.logger.error({ err: describeFailure(error) }, 'outbox relay failed');
      throw error;
    } finally {
      if (--roundsRunning === 0) for (const settle of whenSettled.splice(0)) settle();
    }
  }

  /**
   * Rejects with RedisUnavailableError unless the connection is up (or comes
   * up within a moment). `log: false` leaves the saying to a caller that
   * reports the rejection itself (drain() in a command).
   */
  async assertRedisReachable(options: { log?: boolean } = {}): Promise<void> {
    if (!(await whenReady(this.o.redis, this.connectedOnce ? RECONNECT_GRACE_MS : FIRST_CONNECT_MS))) {
      const reason = this.lastConnectionError ?? `Redis is not connected (${this.o.redis.status})`;
      if (options.log === false) throw new RedisUnavailableError(reason);
      throw this.unreachable(reason);
    }
    this.connectedOnce = true;
  }

  private async relayBatch(asOf: Date): Promise<number[]> {
    // Claiming only to release at once would be wasted work while Redis is known to be down.
    await this.assertRedisReachable();
    const token = newClaimToken('relay');
    const rows = await claimDueRows(this.o.prisma, {
      token,
      limit: this.o.batchSize,
      leaseMs: this.o.leaseMs,
      dueBy: asOf,
      provider: this.o.provider,
      countAttempt: false,
    });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    try {
      await this.o.queue.addBulk(ids.map((id) => ({ name: 'email', data: { outboxId: id }, opts: emailJobOptions(id, this.o.maxAttempts) })));
    } catch (error) {
      const released = await releaseRows(this.o.prisma, ids, token);
      this.o.logger.warn({ err: describeFailure(error), released }, 'could not add jobs to Redis: the emails stay in the outbox');
      this.redisDown = true;
      throw new RedisUnavailableError(`Redis refused the jobs: ${describeFailure(error)}`);
    }
    if (this.redisDown) {
      this.redisDown = false;
      this.o.logger.info('Redis reachable again: queued emails go to BullMQ');
    }
    return ids;
  }

  /** One warning per outage; a poll every second would otherwise repeat it all along. */
  private unreachable(reason: string): RedisUnavailableError {
    if (!this.redisDown) this.o.logger.warn({ err: reason }, 'Redis unreachable: queued emails stay in the outbox until it is back');
    else this.o.logger.debug({ err: reason }, 'Redis still unreachable');
    this.redisDown = true;
    return new RedisUnavailableError(reason);
  }
}
