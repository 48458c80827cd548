/**
 * A token bucket: at most `perSecond` sends per second on average, with
 * bursts up to one second's worth. `perSecond` 0 means no limit. The clock
 * and the sleep are arguments so the arithmetic can be tested without time.
 */
export function rateLimiter(
  perSecond: number,
  clock: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): () => Promise<void> {
  if (perSecond <= 0) return async () => undefined;
  const capacity = Math.max(1, perSecond);
  let tokens = capacity;
  let last = clock();
  let queue: Promise<void> = Promise.resolve();
  const take = async () => {
    for (;;) {
      const now = clock();
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(((1 - tokens) / perSecond) * 1000);
    }
  };
  // One waiter at a time, in order, so concurrent senders share the budget fairly.
  return () => (queue = queue.then(take));
}
