import { UnrecoverableError, type Processor } from 'bullmq';
import { deliverRow, type DeliverRowOptions } from '../delivery';
import { groupedSentMarks, renewLease } from '../outbox';
import { groupedClaims } from './grouped-claims';
import { RetryLater } from './backoff';
import type { EmailJobData, EmailJobResult } from './email-job';
import { BULLMQ_CLAIM, BULLMQ_SEND, newClaimToken } from './names';

export type SendEmailJobOptions = Omit<DeliverRowOptions, 'keepClaimWhileWaiting' | 'markSent'> & { leaseMs: number };

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
  let sending = 0;
  const claim = groupedClaims(o.prisma, o.provider, { heldBy: BULLMQ_CLAIM, busy: BULLMQ_SEND, token, leaseMs: o.leaseMs });
  const deliver: DeliverRowOptions = { ...o, keepClaimWhileWaiting: true, markSent: groupedSentMarks(o.prisma, o.provider, { senders: () => sending }) };
  return async (job) => {
    // Only while BullMQ still holds the row: handed over by a relay, or waiting
    // for this job's retry. A row that was sent, failed, went dead or was
    // requeued by hand is left alone, so a job that runs late or twice never
    // sends again what another job already settled; so is a row another
    // worker is sending right now (its lease is live), which a job that BullMQ
    // wrongly took for stalled would otherwise send a second time.
    const id = job.data.outboxId;
    const claimed = await claim(id);
    if (!claimed) {
      o.logger.debug({ outboxId: id }, 'job skipped: its row is not waiting for BullMQ');
      return 'skipped';
    }
    // A slow send keeps its lease, so no relay takes the row meanwhile; a dead
    // worker stops renewing, and the row is free again once the lease ends.
    const renew = setInterval(() => void renewLease(o.prisma, o.provider, id, token, o.leaseMs).catch(() => undefined), o.leaseMs / 3);
    renew.unref();
    let outcome;
    sending++;
    try {
      outcome = await deliverRow(claimed.row, token, deliver, claimed.bouncing);
    } finally {
      sending--;
      clearInterval(renew);
    }
    if (outcome.status === 'sent') return 'sent';
    if (outcome.status === 'retrying') throw new RetryLater(outcome.reason, outcome.retryInMs);
    throw new UnrecoverableError(outcome.reason);
  };
}
