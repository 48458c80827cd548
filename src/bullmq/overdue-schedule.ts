import type { Queue } from 'bullmq';
import type { OverdueRun } from '../commands';
import type { Logger } from '../logging';
import { OVERDUE_QUEUE, OVERDUE_SCHEDULER_ID } from './names';
import { createScheduledWorker, registerSchedule } from './scheduled-job';
import type { CountedWorker } from './worker-lifecycle';

/** The overdue scan at OVERDUE_CRON. */
export const registerOverdueSchedule = (queue: Queue, pattern: string) => registerSchedule(queue, OVERDUE_SCHEDULER_ID, 'notify-overdue', pattern);

export function createOverdueWorker(o: { redisUrl: string; prefix: string; logger: Logger; scan: () => Promise<OverdueRun> }): CountedWorker {
  return createScheduledWorker({
    ...o,
    queueName: OVERDUE_QUEUE,
    run: async () => {
      const run = await o.scan();
      return { day: run.day, tickets: run.tickets, queued: run.queued.length };
    },
    done: 'overdue emails queued',
    failed: 'overdue scan failed',
  });
}
