/**
 * When to try again after `attempts` failed tries: exponential from `baseMs`,
 * capped at `maxMs`, with ±25% jitter so rows that failed together do not
 * all return together. Null when the attempts are spent.
 */
export function nextRetryDelay(
  attempts: number,
  opts: { baseMs: number; maxMs: number; maxAttempts: number },
  random: () => number = Math.random,
): number | null {
  if (attempts >= opts.maxAttempts) return null;
  const exponential = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.75 + random() * 0.5));
}
