import { OVERDUE_SCHEDULER_ID } from '../../src/bullmq';
import { describeWithRedis, type Harness } from '../support/notifier-harness';
import { waitFor, withHarness, type People } from '../support/with-harness';

describeWithRedis('the overdue run as a BullMQ job scheduler', () => {
  let h: Harness;
  let people: People;
  withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

  it('is registered with OVERDUE_CRON, in UTC, once however many workers register it', async () => {
    const workers = [h.makeNotifier({ OVERDUE_CRON: '30 7 * * 1-5' }), h.makeNotifier({ OVERDUE_CRON: '30 7 * * 1-5' })];
    try {
      for (const w of workers) await w.bullmq!.start();
      const queue = workers[0].bullmq!.overdueQueue;
      const scheduler = await queue.getJobScheduler(OVERDUE_SCHEDULER_ID);
      expect(scheduler).toMatchObject({ pattern: '30 7 * * 1-5', tz: 'UTC' });
      expect(await queue.getJobSchedulersCount()).toBe(1);
      // Its next run: 07:30 UTC on a weekday, in the future.
      const next = new Date(scheduler!.next!);
      expect(next.getTime()).toBeGreaterThan(Date.now());
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([7, 30]);
      expect([1, 2, 3, 4, 5]).toContain(next.getUTCDay());
      // One job waits for that run, not one per worker.
      expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
    } finally {
      for (const w of workers) await w.close();
    }
  });

  it('a run queues the overdue emails, the workers deliver them, and later runs that day queue nothing more', async () => {
    const late = await h.db.prisma.ticket.create({
      data: { subject: 'Late', status: 'open', dueDate: new Date(Date.now() - 3 * 86_400_000), customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
    });
    // Every second, so the test need not wait for 09:00.
    const worker = h.makeNotifier({ OVERDUE_CRON: '* * * * * *' });
    try {
      await worker.bullmq!.start();
      const overdue = () => h.mail.messages.filter((m) => m.parsed.subject === `[#${late.id}] Overdue: Late`);
      await waitFor(() => overdue().length === 2, 30_000);
      expect(overdue().map((m) => m.envelopeTo[0]).sort()).toEqual(['ada@staff.test', 'cyd@staff.test']);
      // More runs come and go; a ticket gets one overdue email per recipient per day.
      await new Promise((r) => setTimeout(r, 2500));
      expect(overdue()).toHaveLength(2);
      expect(await h.db.prisma.emailOutbox.count({ where: { event: 'ticket_overdue' } })).toBe(2);
    } finally {
      await worker.close();
    }
  });
});
