/**
 * Decides which of a stream of like events (refused links, say) get a log
 * line of their own, so a flood of them cannot fill the disk: the first one
 * does; those that follow within `intervalMs` are only counted, and the count
 * is reported by `flush` at most once per interval. Pure: the caller passes
 * the time, and writes the lines.
 */
export interface LogSampler {
  /** An event at `now` (ms): log it, or only count it. */
  hit(now: number): boolean;
  /**
   * How many events were counted and not logged since the last line, once an
   * interval has passed since that line (or at once with `final`); 0 when
   * there is nothing to report yet. Call it from a timer and at shutdown.
   */
  flush(now: number, final?: boolean): number;
}

export function logSampler(intervalMs: number): LogSampler {
  if (!(intervalMs > 0)) throw new RangeError(`logSampler: intervalMs must be positive (got ${intervalMs})`);
  // Until then no event gets a line of its own; each line, single or summary, moves it on.
  let quietUntil = -Infinity;
  let held = 0;
  return {
    hit(now) {
      if (now >= quietUntil && held === 0) {
        quietUntil = now + intervalMs;
        return true;
      }
      held += 1;
      return false;
    },
    flush(now, final = false) {
      if (held === 0 || (!final && now < quietUntil)) return 0;
      const count = held;
      held = 0;
      quietUntil = now + intervalMs;
      return count;
    },
  };
}
