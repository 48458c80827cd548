import { rateLimiter } from '../../src/delivery';

/** A clock that only moves when the limiter sleeps, so the arithmetic is exact. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    sleeps,
  };
}

describe('rateLimiter', () => {
  it('0 means no limit', async () => {
    const t = fakeTime();
    const take = rateLimiter(0, t.clock, t.sleep);
    for (let i = 0; i < 100; i++) await take();
    expect(t.sleeps).toEqual([]);
  });

  it('allows a burst of one second’s worth, then spaces sends at 1/rate', async () => {
    const t = fakeTime();
    const take = rateLimiter(10, t.clock, t.sleep);
    for (let i = 0; i < 10; i++) await take();
    expect(t.now()).toBe(0);
    for (let i = 0; i < 20; i++) await take();
    expect(t.now()).toBeCloseTo(2000, 6);
  });

  it('holds the rate across concurrent callers', async () => {
    const t = fakeTime();
    const take = rateLimiter(5, t.clock, t.sleep);
    await Promise.all(Array.from({ length: 25 }, () => take()));
    // 5 at once, then 20 more at 5 per second.
    expect(t.now()).toBeCloseTo(4000, 6);
  });
});
