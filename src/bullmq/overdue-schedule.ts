import { Worker, type Queue } from 'bullmq';
import type { OverdueRun } from '../commands';
import type { Logger } from '../logging';
import { describeFailure } from '../transport';
import { logRedisErrors, workerConnectionOptions } from './connection';
import { OVERDUE_QUEUE, OVERDUE_SCHEDULER_ID } from './names';
import { countingJobs, type CountedWorker } from './worker-lifecycle';

/**
 * The overdue scan as a BullMQ job scheduler: one job per run time of
 * `pattern` (UTC, like the scan's days), however many workers there are.
 * Upserting under a fixed id is idempotent, so every worker registers it
 * when it starts, and a changed OVERDUE_CRON replaces the old schedule.
 */
export async function registerOverdueSchedule(queue: Queue, pattern: string): Promise<void> {
  await queue.upsertJobScheduler(
    OVERDUE_SCHEDULER_ID,
    { pattern, tz: 'UTC' },
    { name: 'notify-overdue', opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: true, removeOnFail: 50 } },
  );
}

/**
 * Runs the scheduled scan. The scan queues rows the usual way, once per
 * ticket, recipient and day, so a run repeated by hand or by a retry adds nothing.
 */
export function createOverdueWorker(o: { redisUrl: string; prefix: string; logger: Logger; scan: () => Promise<OverdueRun> }): CountedWorker {
  const { processor, jobsInHand } = countingJobs(async () => {
    const run = await o.scan();
    o.logger.info({ day: run.day, tickets: run.tickets, queued: run.queued.length }, 'overdue emails queued');
    return { day: run.day, tickets: run.tickets, queued: run.queued.length };
  });
  const worker = new Worker(OVERDUE_QUEUE, processor, {
    connection: workerConnectionOptions(o.redisUrl),
    prefix: o.prefix,
    autorun: false,
    concurrency: 1,
  });
  worker.on('error', logRedisErrors(o.logger, 'BullMQ overdue worker'));
  worker.on('failed', (_job, error) => o.logger.error({ err: describeFailure(error) }, 'overdue scan failed'));
  return Object.assign(worker, { jobsInHand });
}
