import { nextRetryDelay } from '../../src/delivery';

const opts = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };

describe('nextRetryDelay', () => {
  it('doubles from the base, within ±25% jitter', () => {
    expect(nextRetryDelay(1, opts, () => 0.5)).toBe(1000);
    expect(nextRetryDelay(2, opts, () => 0.5)).toBe(2000);
    expect(nextRetryDelay(3, opts, () => 0)).toBe(3000);
    expect(nextRetryDelay(3, opts, () => 1)).toBe(5000);
  });

  it('never exceeds the cap (plus jitter)', () => {
    expect(nextRetryDelay(4, { ...opts, maxMs: 3000, maxAttempts: 50 }, () => 0.5)).toBe(3000);
  });

  it('gives up when the attempts are spent', () => {
    expect(nextRetryDelay(5, opts)).toBeNull();
    expect(nextRetryDelay(4, opts)).not.toBeNull();
  });
});
