import type { BackoffStrategy } from 'bullmq';
import { nextRetryDelay } from '../delivery';

/**
 * A temporary failure the row has already recorded: it waits `delayMs`, the
 * delay written to the row as nextAttemptAt, and BullMQ retries the job after
 * the same delay.
 */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/**
 * The worker's backoffStrategy: the outbox's own rule (nextRetryDelay, with
 * OUTBOX_RETRY_BASE_MS and OUTBOX_RETRY_MAX_MS), so a retry happens at the
 * same time whichever mode sends. For RetryLater the delay was drawn when the
 * row was written and is reused, so the row and the job agree; other errors
 * (the database unreachable mid-job) draw one here. -1 tells BullMQ not to retry.
 */
export function outboxBackoff(retry: { baseMs: number; maxMs: number; maxAttempts: number }): BackoffStrategy {
  return (attemptsMade, _type, err) => {
    if (err instanceof RetryLater) return err.delayMs;
    return nextRetryDelay(attemptsMade, retry) ?? -1;
  };
}
