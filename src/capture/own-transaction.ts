const ATTEMPTS = 3;

const isWriteConflict = (error: unknown) =>
  (error as { code?: string })?.code === 'P2034' || /could not serialize access/i.test(String((error as Error)?.message));

/**
 * Runs a captured write in its own transaction. On PostgreSQL it uses
 * REPEATABLE READ, so the row read before the write is the row the write
 * changes: a concurrent change in between aborts the attempt, and it is
 * retried from the start. SQLite serialises writers already.
 */
export async function inOwnTransaction<T>(client: any, provider: 'sqlite' | 'postgresql', fn: (tx: any) => Promise<T>): Promise<T> {
  const options = { timeout: 60_000, maxWait: 10_000, ...(provider === 'postgresql' ? { isolationLevel: 'RepeatableRead' } : {}) };
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.$transaction(fn, options);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isWriteConflict(error)) throw error;
    }
  }
}
