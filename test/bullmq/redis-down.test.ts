import { createTicketNotifier, type TicketNotifier } from '../../src';
import { RedisUnavailableError } from '../../src/bullmq';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { describeWithRedis, smtpEnv, type Harness } from '../support/notifier-harness';
import { queueRows } from '../support/queue-rows';
import { TEST_REDIS_URL } from '../support/redis-keys';
import { exitOf, startScript } from '../support/run-script';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor, withHarness, type People } from '../support/with-harness';

describeWithRedis('Redis unreachable', () => {
  let h: Harness;
  let people: People;
  withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

  // The notifier and the worker reach Redis through this proxy, which the tests shut and open.
  let proxy: TcpProxy;
  const redis = new URL(TEST_REDIS_URL);
  beforeAll(async () => {
    proxy = await new TcpProxy(Number(redis.port || 6379), redis.hostname).open();
  });
  afterAll(() => proxy.shut());

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: h.db.url,
    ...smtpEnv(h.mail.port),
    DELIVERY: 'bullmq',
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    ...extra,
  });

  /** A notifier whose log lines the test can read. */
  function appNotifier(): TicketNotifier & { lines: { level: number; msg: string; [k: string]: unknown }[] } {
    const lines: { level: number; msg: string }[] = [];
    const config = loadConfig(env({ LOG_LEVEL: 'info' }));
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    return Object.assign(createTicketNotifier({ prisma: h.db.prisma, config, logger }), { lines });
  }

  const ticket = (n: TicketNotifier, subject: string) =>
    n.client.ticket.create({ data: { subject, customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
  const sentCount = () => h.db.prisma.emailOutbox.count({ where: { status: 'sent' } });

  beforeEach(async () => {
    await h.db.prisma.emailOutbox.deleteMany();
    h.mail.clear();
  });

  it('ticket writes succeed and their emails wait in the outbox; once Redis is back each arrives exactly once', async () => {
    const app = appNotifier();
    const worker = startScript('worker.ts', [], env({ OUTBOX_POLL_INTERVAL_MS: '100', LOG_LEVEL: 'warn' }));
    try {
      await ticket(app, 'Before the outage');
      await waitFor(async () => (await sentCount()) === 2);

      await proxy.shut();
      const started = Date.now();
      const during = [];
      for (let i = 0; i < 5; i++) during.push(await ticket(app, `During the outage ${i}`));
      // The writes never wait for Redis: each kick of the relay runs after the commit, off the write's path.
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(app.drain()).rejects.toThrow(RedisUnavailableError);
      // Let the app's kicks and the worker's polls try, and fail, for a while.
      await new Promise((r) => setTimeout(r, 1000));
      const waiting = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: { in: during.map((t) => String(t.id)) } } });
      expect(waiting).toHaveLength(10);
      for (const row of waiting) expect(row).toMatchObject({ status: 'pending', lockedBy: null, attempts: 0 });
      expect(h.mail.messages).toHaveLength(2);
      // Depending on when the kick found the connection gone: before claiming, or when adding (then it released the rows).
      expect(app.lines.some((l) => l.level === 40 && /Redis unreachable|could not add jobs to Redis/.test(l.msg))).toBe(true);

      await proxy.open();
      await waitFor(async () => (await sentCount()) === 12, 30_000);
      const rows = await h.db.prisma.emailOutbox.findMany();
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      const arrived = h.mail.countsByMessageId();
      expect(new Set(arrived.keys())).toEqual(new Set(rows.map((r) => r.messageId)));
      expect([...arrived.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await proxy.open().catch(() => undefined);
      worker.kill('SIGTERM');
      await app.close();
    }
    expect((await exitOf(worker)).code).toBe(0);
  });

  it('a connection cut while jobs are added: the claimed rows go straight back to pending, with a warning', async () => {
    const app = appNotifier();
    try {
      await app.bullmq!.relay.assertRedisReachable();
      await queueRows(h.db.prisma, 3, 'cut');
      proxy.cutOnData = true;
      await expect(app.bullmq!.relay.relayDue()).rejects.toThrow(RedisUnavailableError);
      const rows = await h.db.prisma.emailOutbox.findMany();
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatchObject({ status: 'pending', lockedBy: null, lockedUntil: null, attempts: 0 });
      expect(app.lines.find((l) => l.level === 40 && /could not add jobs to Redis/.test(l.msg))).toMatchObject({ released: 3 });

      proxy.cutOnData = false;
      await waitFor(async () => {
        await app.drain().catch(() => undefined);
        return (await sentCount()) === 3;
      }, 30_000);
      expect([...h.mail.countsByMessageId().values()]).toEqual([1, 1, 1]);
    } finally {
      proxy.cutOnData = false;
      await app.close();
    }
  });
});
