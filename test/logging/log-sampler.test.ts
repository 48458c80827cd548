import { logSampler } from '../../src/logging';

describe('logSampler', () => {
  it('logs the first event, counts the rest, and reports the count once the interval is over', () => {
    const s = logSampler(1000);
    expect(s.hit(0)).toBe(true);
    expect([s.hit(1), s.hit(500), s.hit(999)]).toEqual([false, false, false]);
    expect(s.flush(999)).toBe(0);
    expect(s.flush(1000)).toBe(3);
    // Reported once.
    expect(s.flush(5000)).toBe(0);
  });

  it('under a steady flood writes one summary line per interval', () => {
    const s = logSampler(1000);
    let lines = 0;
    for (let t = 0; t < 10_000; t += 1) {
      if (s.hit(t)) lines += 1;
      // A timer ticking every 250 ms, out of step with the interval.
      if (t % 250 === 0 && s.flush(t) > 0) lines += 1;
    }
    expect(lines).toBeGreaterThanOrEqual(9);
    expect(lines).toBeLessThanOrEqual(11);
  });

  it('logs a lone event after a quiet interval again, but not before the held count is reported', () => {
    const s = logSampler(1000);
    expect(s.hit(0)).toBe(true);
    expect(s.hit(2000)).toBe(true);
    expect(s.hit(2001)).toBe(false);
    // The interval has passed, but one is still held: it goes into the next report, in order.
    expect(s.hit(3500)).toBe(false);
    expect(s.flush(3500)).toBe(2);
    expect(s.hit(3600)).toBe(false);
    expect(s.flush(4500)).toBe(1);
    expect(s.hit(6000)).toBe(true);
  });

  it('reports what is held at shutdown, interval or not', () => {
    const s = logSampler(60_000);
    s.hit(0);
    s.hit(1);
    s.hit(2);
    expect(s.flush(3)).toBe(0);
    expect(s.flush(3, true)).toBe(2);
    expect(s.flush(4, true)).toBe(0);
  });

  it('exactly at the interval’s end is after it', () => {
    const s = logSampler(10);
    expect(s.hit(0)).toBe(true);
    expect(s.hit(9)).toBe(false);
    expect(s.flush(9)).toBe(0);
    expect(s.flush(10)).toBe(1);
    expect(s.hit(19)).toBe(false);
    expect(s.flush(20)).toBe(1);
  });

  it('refuses an interval that is not positive', () => {
    expect(() => logSampler(0)).toThrow(/intervalMs must be positive/);
    expect(() => logSampler(Number.NaN)).toThrow(/intervalMs must be positive/);
  });
});
