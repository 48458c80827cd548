import { randomUUID } from 'node:crypto';

/** The queue of outbox rows to send; one job per row. */
export const EMAIL_QUEUE = 'ticket-emails';
/** A queue of its own for the overdue scan, so a long scan never holds an email slot. */
export const OVERDUE_QUEUE = 'ticket-overdue';
export const OVERDUE_SCHEDULER_ID = 'notify-overdue';
/** The daily digests have a queue of their own too. */
export const DIGEST_QUEUE = 'ticket-digest';
export const DIGEST_SCHEDULER_ID = 'notify-digest';

/**
 * The job of an outbox row. Adding a job whose id exists is a no-op in
 * BullMQ, so handing a row over twice (two relays, or a relay whose lease ran
 * out while the job waited) still makes one job. BullMQ refuses integer ids,
 * hence the word in front.
 */
export const jobIdOf = (outboxId: number) => `outbox-${outboxId}`;

// Every claim this mode makes starts with this. A worker uses it to tell a row
// that BullMQ holds (handed over, or waiting for a retry) from one that was
// requeued, or that a sender of another mode holds.
const CLAIM_PREFIX = 'bullmq:';

export const newClaimToken = (role: 'relay' | 'send') => `${CLAIM_PREFIX}${role}:${process.pid}:${randomUUID()}`;

/** What the token of every BullMQ claim starts with ... */
export const BULLMQ_CLAIM = CLAIM_PREFIX;
/** ... and that of a BullMQ worker's claim for a send. */
export const BULLMQ_SEND = `${CLAIM_PREFIX}send:`;
/** The Prisma filter for rows a BullMQ claim holds. */
export const bullmqClaimWhere = { startsWith: BULLMQ_CLAIM };
