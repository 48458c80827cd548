import { UnrecoverableError, type Processor } from 'bullmq';
import { deliverRow, type DeliverRowOptions } from '../delivery';
import { claimHeldRow, type OutboxDb } from '../outbox';
import { RetryLater } from './backoff';
import type { EmailJobData, EmailJobResult } from './email-job';
import { isBullmqClaim, newClaimToken } from './names';

export type SendEmailJobOptions = Omit<DeliverRowOptions, 'keepClaimWhileWaiting'> & { leaseMs: number };

/**
 * Claims the job's row for this attempt, but only while BullMQ still holds it:
 * handed over by a relay, or waiting for this job's retry. A row that was
 * sent, failed, went dead or was requeued by hand is left alone, so a job
 * that runs late or twice never sends again what another job already settled.
 */
async function claimForAttempt(db: OutboxDb, id: number, token: string, leaseMs: number) {
  // A relay round may re-mark the row between the read and the claim (its
  // lease ran out while the job waited); the row is still BullMQ's, read it again.
  for (let tries = 0; tries < 5; tries++) {
    const row = await db.emailOutbox.findUnique({ where: { id }, select: { status: true, lockedBy: true } });
    if (!row || (row.status !== 'sending' && row.status !== 'pending') || !isBullmqClaim(row.lockedBy)) return null;
    const claimed = await claimHeldRow(db, id, { heldBy: row.lockedBy, token, leaseMs });
    if (claimed) return claimed;
  }
  return null;
}

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
    const row = await claimForAttempt(o.prisma, job.data.outboxId, token, o.leaseMs);
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
