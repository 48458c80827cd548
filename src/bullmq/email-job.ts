import { jobIdOf } from './names';

export interface EmailJobData {
  outboxId: number;
}

/** What a job did with its row, for drain() and the logs. */
export type EmailJobResult = 'sent' | 'skipped';

/** The custom backoff type: the delay comes from the outbox's own retry rule (see backoff.ts). */
export const OUTBOX_BACKOFF = 'outbox';

export function emailJobOptions(outboxId: number, maxAttempts: number) {
  return {
    jobId: jobIdOf(outboxId),
    // The row's attempt count decides when an email is dead; this only keeps
    // BullMQ from retrying past it.
    attempts: maxAttempts,
    backoff: { type: OUTBOX_BACKOFF },
    // The outbox row keeps the outcome. Forgetting the finished job frees its
    // id, so a row put back in the queue later (outbox:retry) gets a new job.
    removeOnComplete: true,
    removeOnFail: true,
  };
}
