import { createPeople } from '../support/fixtures';
import { createHarness, describeWithRedis, smtpEnv, type Harness } from '../support/notifier-harness';
import { queueRows } from '../support/queue-rows';
import { runScript } from '../support/run-script';

describeWithRedis('commands with DELIVERY=bullmq', () => {
  let h: Harness;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await createHarness();
    await createPeople(h.db.prisma);
    env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port) };
  });
  afterAll(() => h.close());

  it('worker --once sends what is due through the queue and exits', async () => {
    await queueRows(h.db.prisma, 3, 'once');
    const r = await runScript('worker.ts', ['--once'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sent 3, retrying 0, failed 0, dead 0/);
    expect(h.mail.messages).toHaveLength(3);
  });

  it('outbox:status adds what the queue holds, and says so when Redis is unreachable', async () => {
    const r = await runScript('outbox-status.ts', [], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sent\s+3$/m);
    expect(r.stdout).toMatch(/BullMQ queue tn-test:\S+:ticket-emails: 0 waiting, 0 being sent, 0 waiting to retry/);
    const down = await runScript('outbox-status.ts', [], { ...env, REDIS_URL: 'redis://:secret@127.0.0.1:1' });
    expect(down.code).toBe(0);
    expect(down.stdout).toContain('BullMQ: Redis unreachable at redis://:***@127.0.0.1:1; queued emails wait in the outbox');
  });
});
