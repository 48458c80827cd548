import { isNotConnectionError } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logging';
import { describeFailure } from '../transport';

// Reconnect in the background after a drop, quickly at first, so work resumes
// on its own once Redis is back.
const reconnectDelay = (times: number) => Math.min(times * 200, 2_000);

/**
 * The connection jobs are added through. It never queues commands while Redis
 * is unreachable (enableOfflineQueue false, no retries): the relay's add fails
 * at once, and the relay gives its rows back to the outbox instead of hanging
 * with them claimed.
 */
export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 5_000,
    commandTimeout: 10_000,
    retryStrategy: reconnectDelay,
  });
}

/**
 * Connection options for BullMQ workers, which open their own connections
 * from them. A worker waits for jobs with a blocking command that has to
 * outlive a Redis restart instead of failing, hence maxRetriesPerRequest null,
 * which BullMQ requires of worker connections.
 */
export function workerConnectionOptions(url: string) {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
}

/** Resolves true once `redis` is ready, false if it is not within `ms`. */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  if (redis.status === 'end') return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.once('ready', onReady);
  });
}

/**
 * An 'error' listener for BullMQ workers and queues. While Redis is down
 * they report every failed reconnect; the relay already says so once per
 * outage, so those go to debug and anything else to warn.
 */
export function logRedisErrors(logger: Logger, what: string) {
  return (error: Error) => {
    if (isNotConnectionError(error)) logger.warn({ err: describeFailure(error) }, `${what} error`);
    else logger.debug({ err: describeFailure(error) }, `${what}: Redis connection error`);
  };
}
