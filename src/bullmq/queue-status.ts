import { Queue } from 'bullmq';
import { maskUrl, type Config } from '../config';
import { createProducerConnection, whenReady } from './connection';
import { EMAIL_QUEUE } from './names';

/**
 * The Redis side of outbox:status: how many jobs BullMQ holds, by state, or
 * why it cannot say. The outbox's own counts stay the source of truth: a row
 * in BullMQ's hands is `sending` there, or `pending` with a retry time.
 */
export async function queueStatus(config: Config): Promise<string> {
  const redis = createProducerConnection(config.bullmq.redisUrl);
  redis.on('error', () => undefined);
  const queue = new Queue(EMAIL_QUEUE, { connection: redis, prefix: config.bullmq.prefix, skipVersionCheck: true, skipWaitingForReady: true });
  queue.on('error', () => undefined);
  try {
    if (!(await whenReady(redis, 3_000))) return `BullMQ: Redis unreachable at ${maskUrl(config.bullmq.redisUrl)}; queued emails wait in the outbox`;
    const c = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed');
    return `BullMQ queue ${config.bullmq.prefix}:${EMAIL_QUEUE}: ${c.wait + c.prioritized} waiting, ${c.active} being sent, ${c.delayed} waiting to retry`;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
