/**
 * Redis could not take the rows; they are back in the outbox, due as before.
 * drain() rejects with it in DELIVERY=bullmq mode. A file of its own, so the
 * public face can export it without loading bullmq.
 */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}
