/** The one method of a Prisma client that code running its own transactions needs. */
export interface TransactionClient {
  $transaction<T>(fn: (tx: unknown) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}
