import { emailJobOptions, jobIdOf } from '../../src/bullmq';
import { describeWithRedis, type Harness } from '../support/notifier-harness';
import { queueRows } from '../support/queue-rows';
import { waitFor, withHarness } from '../support/with-harness';

describeWithRedis('one job per outbox row (job id = row id)', () => {
  let h: Harness;
  withHarness((harness) => (h = harness), { freshEachTest: false });
  beforeEach(async () => {
    // The queue's connection refuses commands until it is up, and no test starts with jobs of another.
    await h.notifier.bullmq!.relay.assertRedisReachable();
    await h.notifier.bullmq!.emailQueue.drain(true);
    await h.db.prisma.emailOutbox.deleteMany();
    h.mail.clear();
  });

  const jobsWaiting = async () => {
    const counts = await h.notifier.bullmq!.emailQueue.getJobCounts('wait', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };

  it('a row stays claimed while BullMQ holds it; handing it over again adds no job, and it is sent once', async () => {
    const a = h.makeNotifier();
    const b = h.makeNotifier();
    const messageIds = await queueRows(h.db.prisma, 20, 'twice');
    const first = await a.bullmq!.relay.relayDue();
    expect(first).toHaveLength(20);
    for (const row of await h.db.prisma.emailOutbox.findMany()) {
      expect(row).toMatchObject({ status: 'sending', attempts: 0 });
      expect(row.lockedBy).toMatch(/^bullmq:relay:/);
      expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    }
    expect(await jobsWaiting()).toBe(20);

    // The leases run out while the jobs still wait: another relay claims the rows again and adds the same job ids.
    await h.db.prisma.emailOutbox.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } });
    const second = await b.bullmq!.relay.relayDue();
    expect([...second].sort()).toEqual([...first].sort());
    expect(await jobsWaiting()).toBe(20);

    expect(await a.drain()).toEqual({ sent: 20, retrying: 0, failed: 0, dead: 0 });
    expect(h.mail.messages).toHaveLength(20);
    expect(new Set(h.mail.countsByMessageId().keys())).toEqual(new Set(messageIds));
    // Relays count no attempt; each row was tried once, by its one job.
    expect((await h.db.prisma.emailOutbox.findMany()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('two relays at once take disjoint rows; every row gets one job and one email', async () => {
    const a = h.makeNotifier();
    const b = h.makeNotifier();
    await queueRows(h.db.prisma, 300, 'race');
    const [x, y] = await Promise.all([a.bullmq!.relay.relayDue(), b.bullmq!.relay.relayDue()]);
    expect(x.length + y.length).toBe(300);
    expect(new Set([...x, ...y]).size).toBe(300);
    expect(await jobsWaiting()).toBe(300);
    await a.drain();
    expect(h.mail.messages).toHaveLength(300);
    expect([...h.mail.countsByMessageId().values()].every((n) => n === 1)).toBe(true);
  });

  it('a job that runs again after its row was sent, or after the row was requeued by hand, sends nothing', async () => {
    await queueRows(h.db.prisma, 2, 'late');
    const [sentId, requeuedId] = (await h.db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id);
    await h.notifier.drain();
    expect(h.mail.messages).toHaveLength(2);
    // outbox:retry resets a row to pending with no claim; only a relay may hand it over again.
    await h.db.prisma.emailOutbox.update({ where: { id: requeuedId }, data: { status: 'pending', nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    const queue = h.notifier.bullmq!.emailQueue;
    for (const id of [sentId, requeuedId]) await queue.add('email', { outboxId: id }, emailJobOptions(id, 8));

    const worker = h.makeNotifier();
    await worker.bullmq!.start();
    try {
      await waitFor(async () => (await queue.getJobState(jobIdOf(sentId))) === 'unknown' && (await queue.getJobState(jobIdOf(requeuedId))) === 'unknown');
    } finally {
      await worker.close();
    }
    expect(h.mail.messages).toHaveLength(2);
    expect((await h.db.prisma.emailOutbox.findUniqueOrThrow({ where: { id: requeuedId } })).status).toBe('pending');
  });
});
