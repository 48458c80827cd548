import type { AppPrismaClient } from '../db';

/** What outbox statements need: the outbox table, through a client or a transaction. */
export type OutboxDb = Pick<AppPrismaClient, 'emailOutbox'>;
