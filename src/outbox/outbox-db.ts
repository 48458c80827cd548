import type { AppPrismaClient } from '../db';

/** What outbox statements need: the outbox table, through a client or a transaction. */
export type OutboxDb = Pick<AppPrismaClient, 'emailOutbox'>;

/**
 * What the statements Prisma's query builder cannot say need (one INSERT
 * for many rows, FOR UPDATE SKIP LOCKED, ON CONFLICT), and the delivery
 * path's, which run for every email: raw SQL, through a client or a transaction.
 */
export type RawDb = Pick<AppPrismaClient, '$queryRaw' | '$executeRaw' | '$queryRawUnsafe' | '$executeRawUnsafe'>;
