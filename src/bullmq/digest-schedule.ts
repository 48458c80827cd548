import type { Queue } from 'bullmq';
import type { DigestRun } from '../digest';
import type { Logger } from '../logging';
import { DIGEST_QUEUE, DIGEST_SCHEDULER_ID } from './names';
import { createScheduledWorker, registerSchedule } from './scheduled-job';
import type { CountedWorker } from './worker-lifecycle';

/** The daily digest at DIGEST_CRON. */
export const registerDigestSchedule = (queue: Queue, pattern: string) => registerSchedule(queue, DIGEST_SCHEDULER_ID, 'notify-digest', pattern);

export function createDigestWorker(o: { redisUrl: string; prefix: string; logger: Logger; run: () => Promise<DigestRun> }): CountedWorker {
  return createScheduledWorker({
    ...o,
    queueName: DIGEST_QUEUE,
    run: async () => {
      const run = await o.run();
      return { day: run.day, digests: run.queued.length, skipped: run.skipped.length };
    },
    done: 'daily digests queued',
    failed: 'daily digest run failed',
  });
}
