import { DIGEST_SCHEDULER_ID } from '../../src/bullmq';
import { describeWithRedis, type Harness } from '../support/notifier-harness';
import { waitFor, withHarness, type People } from '../support/with-harness';

describeWithRedis('the daily digest as a BullMQ job scheduler', () => {
  let h: Harness;
  let people: People;
  withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

  it('is registered with DIGEST_CRON (default 17:00), in UTC, once however many workers register it', async () => {
    const workers = [h.makeNotifier({ DIGEST_CRON: '0 16 * * 1-5' }), h.makeNotifier({ DIGEST_CRON: '0 16 * * 1-5' })];
    try {
      for (const w of workers) await w.bullmq!.start();
      const queue = workers[0].bullmq!.digestQueue;
      const scheduler = await queue.getJobScheduler(DIGEST_SCHEDULER_ID);
      expect(scheduler).toMatchObject({ pattern: '0 16 * * 1-5', tz: 'UTC' });
      expect(await queue.getJobSchedulersCount()).toBe(1);
      const next = new Date(scheduler!.next!);
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([16, 0]);
      expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
    } finally {
      for (const w of workers) await w.close();
    }
    const byDefault = h.makeNotifier();
    try {
      await byDefault.bullmq!.start();
      expect(await byDefault.bullmq!.digestQueue.getJobScheduler(DIGEST_SCHEDULER_ID)).toMatchObject({ pattern: '0 17 * * *', tz: 'UTC' });
    } finally {
      await byDefault.close();
    }
  });

  it('a run queues the digests, the workers deliver them, and later runs send nothing more', async () => {
    await h.db.prisma.user.update({ where: { id: people.ada.id }, data: { emailDigest: true } });
    await h.notifier.client.ticket.create({ data: { subject: 'Held for the digest', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
    // Every second, so the test need not wait for 17:00.
    const worker = h.makeNotifier({ DIGEST_CRON: '* * * * * *' });
    try {
      await worker.bullmq!.start();
      const digests = () => h.mail.to('ada@staff.test').filter((m) => m.parsed.subject === '[Helpdesk] Your daily summary: 1 update on 1 ticket');
      await waitFor(() => digests().length === 1, 30_000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(digests()).toHaveLength(1);
      expect(await h.db.prisma.emailOutbox.count({ where: { event: 'daily_digest' } })).toBe(1);
    } finally {
      await worker.close();
    }
  });
});
