import { Worker, type Queue } from 'bullmq';
import type { DigestRun } from '../digest';
import type { Logger } from '../logging';
import { describeFailure } from '../transport';
import { logRedisErrors, workerConnectionOptions } from './connection';
import { DIGEST_QUEUE, DIGEST_SCHEDULER_ID } from './names';
import { countingJobs, type CountedWorker } from './worker-lifecycle';

/**
 * The daily digest as a BullMQ job scheduler, like the overdue scan: one job
 * per run time of `pattern` (UTC) however many workers register it, and a
 * changed DIGEST_CRON replaces the old schedule.
 */
export async function registerDigestSchedule(queue: Queue, pattern: string): Promise<void> {
  await queue.upsertJobScheduler(
    DIGEST_SCHEDULER_ID,
    { pattern, tz: 'UTC' },
    { name: 'notify-digest', opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: true, removeOnFail: 50 } },
  );
}

/**
 * Runs the scheduled digest. Each person's held rows are digested once, in
 * one transaction, so a retried or repeated job adds nothing for rows already digested.
 */
export function createDigestWorker(o: { redisUrl: string; prefix: string; logger: Logger; run: () => Promise<DigestRun> }): CountedWorker {
  const { processor, jobsInHand } = countingJobs(async () => {
    const run = await o.run();
    const summary = { day: run.day, digests: run.queued.length, skipped: run.skipped.length };
    o.logger.info(summary, 'daily digests queued');
    return summary;
  });
  const worker = new Worker(DIGEST_QUEUE, processor, {
    connection: workerConnectionOptions(o.redisUrl),
    prefix: o.prefix,
    autorun: false,
    concurrency: 1,
  });
  worker.on('error', logRedisErrors(o.logger, 'BullMQ digest worker'));
  worker.on('failed', (_job, error) => o.logger.error({ err: describeFailure(error) }, 'daily digest run failed'));
  return Object.assign(worker, { jobsInHand });
}
