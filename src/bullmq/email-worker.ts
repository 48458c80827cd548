import { Worker } from 'bullmq';
import type { Logger } from '../logging';
import { describeFailure } from '../transport';
import { outboxBackoff, RetryLater } from './backoff';
import { logRedisErrors, workerConnectionOptions } from './connection';
import type { EmailJobData, EmailJobResult } from './email-job';
import { EMAIL_QUEUE } from './names';
import { sendEmailJob, type SendEmailJobOptions } from './send-email-job';
import { countingJobs, type CountedWorker } from './worker-lifecycle';

export interface EmailWorkerOptions {
  redisUrl: string;
  prefix: string;
  /** Jobs at once: the SMTP pool's size, as for the dispatcher. */
  concurrency: number;
  /** EMAIL_RATE_PER_SECOND; 0 is no limit. */
  ratePerSecond: number;
  logger: Logger;
  send: SendEmailJobOptions;
}

/**
 * A BullMQ worker for the email queue. The caller runs it (autorun is off):
 * the worker command until it stops, drain() for as long as it drains.
 */
export function createEmailWorker(o: EmailWorkerOptions): CountedWorker<EmailJobData, EmailJobResult> {
  // A worker that dies mid-job holds it until its lock lapses; tying that to
  // OUTBOX_LEASE_MS keeps the promise the outbox makes for a dead sender,
  // within BullMQ's usual 30 s.
  const lockMs = Math.min(o.send.leaseMs, 30_000);
  const { processor, jobsInHand } = countingJobs(sendEmailJob(o.send));
  const worker = new Worker<EmailJobData, EmailJobResult>(EMAIL_QUEUE, processor, {
    connection: workerConnectionOptions(o.redisUrl),
    prefix: o.prefix,
    autorun: false,
    concurrency: o.concurrency,
    // Redis keeps the limiter's count per queue, so this caps all workers together.
    limiter: o.ratePerSecond > 0 ? { max: o.ratePerSecond, duration: 1000 } : undefined,
    settings: { backoffStrategy: outboxBackoff(o.send.retry) },
    lockDuration: lockMs,
    stalledInterval: lockMs,
  });
  worker.on('error', logRedisErrors(o.logger, 'BullMQ worker'));
  worker.on('failed', (job, error) => {
    // Email outcomes are logged with their row; what is left is a job that broke before one was written.
    if (error instanceof RetryLater || error.name === 'UnrecoverableError') return;
    o.logger.warn({ outboxId: job?.data.outboxId, err: describeFailure(error) }, 'email job failed before recording an outcome; BullMQ retries it');
  });
  return Object.assign(worker, { jobsInHand });
}
