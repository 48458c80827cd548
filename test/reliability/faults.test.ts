import { requeueRows } from '../../src/outbox';
import { smtpEnv, type Harness } from '../support/notifier-harness';
import { withHarness, waitFor, type People } from '../support/with-harness';
import { queueRows } from '../support/queue-rows';
import { exitOf, startScript } from '../support/run-script';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });
beforeEach(async () => {
  await h.db.prisma.emailOutbox.deleteMany();
  h.mail.clear();
  h.mail.failWith = () => null;
  h.mail.delayMs = 0;
});

const countSent = () => h.db.prisma.emailOutbox.count({ where: { status: 'sent' } });
const workerEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: h.db.url,
  ...smtpEnv(h.mail.port),
  OUTBOX_POLL_INTERVAL_MS: '50',
  LOG_LEVEL: 'warn',
  ...extra,
});

/** Every outbox row arrived at least once, and the server saw nothing the outbox does not hold. */
async function expectNothingLost() {
  const rows = await h.db.prisma.emailOutbox.findMany({ select: { messageId: true, status: true } });
  const arrived = h.mail.countsByMessageId();
  expect(rows.every((r) => r.status === 'sent')).toBe(true);
  expect(new Set(arrived.keys())).toEqual(new Set(rows.map((r) => r.messageId)));
  return arrived;
}

describe('faults', () => {
  it('SMTP down during a burst of writes, then up: every email arrives exactly once', async () => {
    const port = h.mail.port;
    await h.mail.stop();
    for (let i = 0; i < 15; i++) {
      await h.notifier.client.ticket.create({
        data: { subject: `Burst ${i}`, customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
      });
    }
    await h.notifier.drain();
    expect(await h.db.prisma.emailOutbox.count({ where: { status: 'pending', attempts: { gte: 1 } } })).toBe(30);
    await h.mail.start(port);
    await waitFor(async () => {
      await h.notifier.drain();
      return (await countSent()) === 30;
    });
    const arrived = await expectNothingLost();
    expect([...arrived.values()].every((n) => n === 1)).toBe(true);
  });

  it.each([421, 451])('a server answering %i for a while: retried, then delivered once', async (code) => {
    const refusals = new Map<string, number>();
    h.mail.failWith = (address) => {
      const n = refusals.get(address) ?? 0;
      if (n >= 3) return null;
      refusals.set(address, n + 1);
      return { code, message: 'Try again later' };
    };
    await queueRows(h.db.prisma, 5, `busy${code}-`);
    await waitFor(async () => {
      await h.notifier.drain();
      return (await countSent()) === 5;
    });
    const rows = await h.db.prisma.emailOutbox.findMany();
    // The server refused each address three times; the outbox retried each row (Nodemailer's pool may
    // itself retry once on a fresh connection after a 421 closes one, so a row can need fewer attempts).
    expect([...refusals.values()]).toEqual([3, 3, 3, 3, 3]);
    expect(rows.every((r) => r.attempts >= 2 && r.lastError === null)).toBe(true);
    const arrived = await expectNothingLost();
    expect([...arrived.values()].every((n) => n === 1)).toBe(true);
  });

  it('temporary failures that outlast OUTBOX_MAX_ATTEMPTS leave the row dead with its last error; outbox:retry brings it back', async () => {
    const n = h.makeNotifier({ OUTBOX_MAX_ATTEMPTS: '3' });
    h.mail.failWith = (address) => (address.startsWith('doomed') ? { code: 451, message: 'Mailbox busy' } : null);
    await queueRows(h.db.prisma, 2, 'doomed');
    await queueRows(h.db.prisma, 2, 'fine');
    const settled = () => h.db.prisma.emailOutbox.count({ where: { status: { in: ['sent', 'dead'] } } });
    await waitFor(async () => {
      await n.drain();
      return (await settled()) === 4;
    });
    const rows = await h.db.prisma.emailOutbox.findMany({ orderBy: { recipientEmail: 'asc' } });
    expect(rows.map((r) => [r.recipientEmail, r.status, r.attempts])).toEqual([
      ['doomed0@load.test', 'dead', 3],
      ['doomed1@load.test', 'dead', 3],
      ['fine0@load.test', 'sent', 1],
      ['fine1@load.test', 'sent', 1],
    ]);
    for (const r of rows.slice(0, 2)) expect(r.lastError).toMatch(/451 Mailbox busy/);
    expect(h.mail.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['fine0@load.test', 'fine1@load.test']);

    h.mail.failWith = () => null;
    expect(await requeueRows(h.db.prisma, { allFailed: true })).toBe(2);
    await n.drain();
    expect(await countSent()).toBe(4);
    expect([...(await expectNothingLost()).values()]).toEqual([1, 1, 1, 1]);
  });

  it('a worker killed with SIGKILL mid-batch and restarted: nothing lost, only in-flight messages repeated', async () => {
    const ids = await queueRows(h.db.prisma, 30, 'kill');
    h.mail.delayMs = 100;
    const env = workerEnv({ OUTBOX_LEASE_MS: '1500', EMAIL_POOL_SIZE: '2', OUTBOX_BATCH_SIZE: '10' });
    const first = startScript('worker.ts', [], env);
    await waitFor(() => h.mail.messages.length >= 5);
    first.kill('SIGKILL');
    expect((await exitOf(first)).signal).toBe('SIGKILL');
    const beforeRestart = h.mail.messages.length;
    expect(beforeRestart).toBeLessThan(30);

    const second = startScript('worker.ts', [], env);
    try {
      await waitFor(async () => (await countSent()) === 30);
    } finally {
      second.kill('SIGTERM');
      await exitOf(second);
    }
    const arrived = await expectNothingLost();
    expect(new Set(arrived.keys())).toEqual(new Set(ids));
    // A repeat is the same message (same Message-ID), and only one the killed worker had in flight.
    const repeated = [...arrived.values()].filter((n) => n > 1);
    expect(repeated.every((n) => n === 2)).toBe(true);
    expect(repeated.length).toBeLessThanOrEqual(2);
  });

  it('two workers draining 1,000 rows deliver each exactly once', async () => {
    const ids = await queueRows(h.db.prisma, 1000, 'pair');
    const env = workerEnv({ OUTBOX_BATCH_SIZE: '25' });
    const a = startScript('worker.ts', [], env);
    const b = startScript('worker.ts', [], env);
    try {
      await waitFor(async () => (await countSent()) === 1000, 120_000);
    } finally {
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      expect((await exitOf(a)).code).toBe(0);
      expect((await exitOf(b)).code).toBe(0);
    }
    const arrived = await expectNothingLost();
    expect(arrived.size).toBe(1000);
    expect(new Set(arrived.keys())).toEqual(new Set(ids));
    expect(h.mail.messages).toHaveLength(1000);
  }, 180_000);

  // An embedded SQLite file has no server connection to drop: this runs in the PostgreSQL pass.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
  onPostgres('the database connection dropped while the worker runs: it recovers without a restart', async () => {
    const worker = startScript('worker.ts', [], workerEnv());
    try {
      await queueRows(h.db.prisma, 3, 'before-drop');
      await waitFor(async () => (await countSent()) === 3);
      const dbName = new URL(h.db.url).pathname.slice(1);
      await h.db.prisma.$executeRawUnsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`,
      );
      await queueRows(h.db.prisma, 3, 'after-drop');
      await waitFor(async () => (await countSent()) === 6, 30_000);
    } finally {
      worker.kill('SIGTERM');
    }
    expect((await exitOf(worker)).code).toBe(0);
    await expectNothingLost();
  });
});

describe('EMAIL_RATE_PER_SECOND', () => {
  it('spaces real sends out: 30 emails at 10 per second take at least two seconds after the first burst', async () => {
    await h.db.prisma.emailOutbox.deleteMany();
    h.mail.clear();
    const limited = h.makeNotifier({ EMAIL_RATE_PER_SECOND: '10' });
    await queueRows(h.db.prisma, 30, 'rate');
    const started = Date.now();
    await limited.drain();
    expect(h.mail.messages).toHaveLength(30);
    // A lower bound only: a slow machine can take longer, never shorter.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});
