import { Worker, type Queue } from 'bullmq';
import type { Logger } from '../logging';
import { describeFailure } from '../transport';
import { logRedisErrors, workerConnectionOptions } from './connection';
import { countingJobs, type CountedWorker } from './worker-lifecycle';

/**
 * A command run as a BullMQ job scheduler: one job per run time of `pattern`
 * (UTC), however many workers there are. Upserting under a fixed id is
 * idempotent, so every worker registers it when it starts, and a changed
 * pattern replaces the old schedule.
 */
export async function registerSchedule(queue: Queue, schedulerId: string, jobName: string, pattern: string): Promise<void> {
  await queue.upsertJobScheduler(
    schedulerId,
    { pattern, tz: 'UTC' },
    { name: jobName, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: true, removeOnFail: 50 } },
  );
}

export interface ScheduledWorkerOptions {
  queueName: string;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Runs the command once and says what it did; the summary is logged and kept as the job's result. */
  run: () => Promise<Record<string, unknown>>;
  /** Log lines: the summary's message, and what failed. */
  done: string;
  failed: string;
}

/**
 * Runs the scheduled command, one job at a time. The commands scheduled this
 * way queue each email once (per ticket, recipient and day; per held row), so
 * a job repeated by a retry or by hand adds nothing.
 */
export function createScheduledWorker(o: ScheduledWorkerOptions): CountedWorker {
  const { processor, jobsInHand } = countingJobs(async () => {
    const summary = await o.run();
    o.logger.info(summary, o.done);
    return summary;
  });
  const worker = new Worker(o.queueName, processor, {
    connection: workerConnectionOptions(o.redisUrl),
    prefix: o.prefix,
    autorun: false,
    concurrency: 1,
  });
  worker.on('error', logRedisErrors(o.logger, `BullMQ ${o.queueName} worker`));
  worker.on('failed', (_job, error) => o.logger.error({ err: describeFailure(error) }, o.failed));
  return Object.assign(worker, { jobsInHand });
}
