import type { Processor, Worker } from 'bullmq';

/** A BullMQ worker that knows how many jobs its processor is running. */
export type CountedWorker<D = any, R = any> = Worker<D, R> & { jobsInHand(): number };

/** Wraps a processor to count the jobs it is running, for closeWorker. */
export function countingJobs<D, R>(processor: Processor<D, R>) {
  let inHand = 0;
  const counted: Processor<D, R> = async (job, token, signal) => {
    inHand++;
    try {
      return await processor(job, token, signal);
    } finally {
      inHand--;
    }
  };
  return { processor: counted, jobsInHand: () => inHand };
}

/**
 * Stops a worker: it takes no new job, finishes the ones in hand (their
 * outcome goes to the outbox, which needs no Redis), then closes. BullMQ's
 * orderly close talks to Redis, and with Redis down it would wait for it
 * forever, so then its connections are dropped instead. Nothing is lost
 * that way: BullMQ finds the last jobs unfinished, runs them again, and each
 * finds its row settled.
 */
export async function closeWorker(worker: CountedWorker, redisUp: () => boolean): Promise<void> {
  await worker.pause(true);
  while (worker.jobsInHand() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await worker.close(!redisUp());
}
