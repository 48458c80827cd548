import type { TransactionClient } from '../db';

// A captured write holds its transaction while it waits for the ticket's row lock behind other writers
// of the same ticket, so both limits are generous: a bare Prisma write waits for a pooled connection
// without a limit, and a write the app could make must not fail here for queueing behind others.
const OPTIONS = { timeout: 60_000, maxWait: 60_000 };


/**
 * Runs a captured write in its own transaction, at the database's default
 * isolation (READ COMMITTED on PostgreSQL). Concurrent writers of one ticket
 * are serialised by the row lock the read before the write takes (see
 * `readTicketForWrite` and `lockTickets` in the host-schema module), not
 * aborted and retried: every write that bare Prisma accepts is accepted here
 * too. SQLite serialises writers already.
 */
export function inOwnTransaction<T>(client: TransactionClient, fn: (tx: unknown) => Promise<T>): Promise<T> {
  return client.$transaction(fn, OPTIONS);
}
