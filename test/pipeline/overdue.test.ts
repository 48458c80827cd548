import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

const day = 86_400_000;
const now = new Date('2026-11-25T09:00:00Z');

describe('overdue notifications', () => {
  let overdue: number[];
  beforeAll(async () => {
    const make = (subject: string, status: any, due: Date | null, assignedToId: number | null = people.ada.id) =>
      h.db.prisma.ticket.create({ data: { subject, status, dueDate: due, customerId: people.carol.id, createdById: people.cyd.id, assignedToId } });
    const a = await make('late open', 'open', new Date(now.getTime() - 2 * day));
    const b = await make('late pending, nobody assigned', 'pending', new Date(now.getTime() - 1 * day), null);
    await make('late but resolved', 'resolved', new Date(now.getTime() - 3 * day));
    await make('late but closed', 'closed', new Date(now.getTime() - 3 * day));
    await make('due later today', 'open', new Date(now.getTime() + 3_600_000));
    await make('no due date', 'new', null);
    overdue = [a.id, b.id];
  });

  it('--dry-run lists what would be sent and queues nothing', async () => {
    const run = await h.notifier.sendOverdueNotifications({ now, dryRun: true });
    expect(run.tickets).toBe(2);
    expect(run.queued.map((q) => `${q.ticketId} ${q.recipient}`).sort()).toEqual(
      [`${overdue[0]} ada@staff.test`, `${overdue[0]} cyd@staff.test`, `${overdue[1]} cyd@staff.test`].sort(),
    );
    expect(await h.db.prisma.emailOutbox.count()).toBe(0);
  });

  it('sends to the assignee and the creator of open tickets due before today, reading in batches', async () => {
    const run = await h.notifier.sendOverdueNotifications({ now, batchSize: 1 });
    expect(run.queued).toHaveLength(3);
    await h.notifier.drain();
    expect(h.mail.messages.map((m) => m.parsed.subject).sort()).toEqual([
      `[#${overdue[0]}] Overdue: late open`,
      `[#${overdue[0]}] Overdue: late open`,
      `[#${overdue[1]}] Overdue: late pending, nobody assigned`,
    ]);
  });

  it('a second run the same day queues nothing; the next day it does again', async () => {
    expect((await h.notifier.sendOverdueNotifications({ now: new Date(now.getTime() + 3_600_000) })).queued).toEqual([]);
    expect((await h.notifier.sendOverdueNotifications({ now, dryRun: true })).queued).toEqual([]);
    // Tomorrow the ticket due later today is overdue too.
    expect((await h.notifier.sendOverdueNotifications({ now: new Date(now.getTime() + day) })).queued).toHaveLength(5);
  });
});
