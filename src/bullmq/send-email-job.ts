import { UnrecoverableError, type Processor } from 'bullmq';
import { deliverRow, type DeliverRowOptions } from '../delivery';
import { claimHeldRow } from '../outbox';
import { RetryLater } from './backoff';
import type { EmailJobData, EmailJobResult } from './email-job';
import { bullmqClaimWhere, newClaimToken } from './names';

export type SendEmailJobOptions = Omit<DeliverRowOptions, 'keepClaimWhileWaiting'> & { leaseMs: number };

/**
 * The worker's processor: one job, one outbox row, delivered exactly as the
 * dispatcher delivers it (deliverRow). The outcome goes to the row first; the
 * job only mirrors it: a temporary failure throws RetryLater so BullMQ
 * retries after the row's delay, a permanent one (or the last attempt)
 * throws UnrecoverableError so it does not.
 */
export function sendEmailJob(o: SendEmailJobOptions): Processor<EmailJobData, EmailJobResult> {
  // One token per worker: outcomes are still written only while it holds the
  // row, and concurrent sends of this worker share one sent-mark statement.
  const token = newClaimToken('send');
  const deliver: DeliverRowOptions = { ...o, keepClaimWhileWaiting: true };
  return async (job) => {
    // Only while BullMQ still holds the row: handed over by a relay, or waiting
    // for this job's retry. A row that was sent, failed, went dead or was
    // requeued by hand is left alone, so a job that runs late or twice never
    // sends again what another job already settled.
    const row = await claimHeldRow(o.prisma, job.data.outboxId, { heldBy: bullmqClaimWhere, token, leaseMs: o.leaseMs });
    if (!row) {
      o.logger.debug({ outboxId: job.data.outboxId }, 'job skipped: its row is no longer waiting for BullMQ');
      return 'skipped';
    }
    const outcome = await deliverRow(row, token, deliver);
    if (outcome.status === 'sent') return 'sent';
    if (outcome.status === 'retrying') throw new RetryLater(outcome.reason, outcome.retryInMs);
    throw new UnrecoverableError(outcome.reason);
  };
}
