import { describeWithRedis, smtpEnv, type Harness } from '../support/notifier-harness';
import { queueRows } from '../support/queue-rows';
import { exitOf, startScript } from '../support/run-script';
import { waitFor, withHarness } from '../support/with-harness';

describeWithRedis('EMAIL_RATE_PER_SECOND with DELIVERY=bullmq', () => {
  let h: Harness;
  withHarness((harness) => (h = harness), { freshEachTest: false });

  it('caps two worker processes together, not each', async () => {
    const rate = 10;
    const emails = 40;
    const env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port), EMAIL_RATE_PER_SECOND: String(rate), OUTBOX_POLL_INTERVAL_MS: '100', LOG_LEVEL: 'info' };
    const workers = [startScript('worker.ts', [], env), startScript('worker.ts', [], env)];
    try {
      // Both running and warm before the measured run: a fresh process renders its first emails slowly,
      // which would bunch the arrivals of the first second up against the next one's.
      await waitFor(() => workers.every((w) => w.output().includes('worker started')));
      await queueRows(h.db.prisma, rate, 'warm');
      await waitFor(() => h.mail.messages.length >= rate);
      await new Promise((r) => setTimeout(r, 1100));
      h.mail.clear();
      await queueRows(h.db.prisma, emails, 'rate');
      await waitFor(() => h.mail.messages.length >= emails, 60_000);
    } finally {
      for (const w of workers) w.kill('SIGTERM');
      for (const w of workers) expect((await exitOf(w)).code).toBe(0);
    }
    expect(h.mail.messages).toHaveLength(emails);
    for (const w of workers) expect(w.output()).toContain('email sent');

    const times = h.mail.messages.map((m) => m.at).sort((a, b) => a - b);
    const span = times[times.length - 1] - times[0];
    // BullMQ's limiter starts `rate` jobs per second, counted in Redis for the whole queue: after the
    // first second's burst the rest takes (emails / rate - 1) s, 3 s here, less what the first emails
    // spent in flight. Limited per process, two workers would have needed 1 s. A lower bound only: a
    // slow machine can take longer, never shorter.
    expect(span).toBeGreaterThanOrEqual((emails / rate - 1) * 1000 - 500);
  });
});
