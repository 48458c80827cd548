import { withOtherHarness, type Cast, type OtherHarness } from './support/harness';

// test/pipeline/overdue.test.ts on the second helpdesk: "open" is the
// vocabulary's list (todo, doing, waiting); solved and archived issues are done.

let h: OtherHarness;
let people: Cast;
withOtherHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

const day = 86_400_000;
const now = new Date('2026-11-25T09:00:00Z');

describe('overdue notifications on another schema', () => {
  let overdue: string[];
  beforeAll(async () => {
    type State = 'todo' | 'doing' | 'waiting' | 'solved' | 'archived';
    const make = (title: string, state: State, deadline: Date | null, ownerId: string | null = people.ada.id) =>
      h.db.prisma.issue.create({ data: { title, state, deadline, requesterId: people.carol.id, reporterId: people.cyd.id, ownerId } });
    const a = await make('late doing', 'doing', new Date(now.getTime() - 2 * day));
    const b = await make('late waiting, no owner', 'waiting', new Date(now.getTime() - 1 * day), null);
    await make('late but solved', 'solved', new Date(now.getTime() - 3 * day));
    await make('late but archived', 'archived', new Date(now.getTime() - 3 * day));
    await make('due later today', 'todo', new Date(now.getTime() + 3_600_000));
    await make('no deadline', 'todo', null);
    overdue = [a.id, b.id];
  });

  it('a dry run lists what would be sent, by cuid, and queues nothing', async () => {
    const run = await h.notifier.sendOverdueNotifications({ now, dryRun: true });
    expect(run.tickets).toBe(2);
    expect(run.queued.map((q) => `${q.ticketId} ${q.recipient}`).sort()).toEqual(
      [`${overdue[0]} ada@staff.test`, `${overdue[0]} cyd@staff.test`, `${overdue[1]} cyd@staff.test`].sort(),
    );
    expect(await h.db.prisma.emailOutbox.count()).toBe(0);
  });

  it('sends to the owner and the reporter of open issues due before today, reading in batches', async () => {
    const run = await h.notifier.sendOverdueNotifications({ now, batchSize: 1 });
    expect(run.queued).toHaveLength(3);
    await h.notifier.drain();
    expect(h.mail.messages.map((m) => `${m.envelopeTo} ${m.parsed.subject}`).sort()).toEqual(
      [
        `ada@staff.test [#${overdue[0]}] Overdue: late doing`,
        `cyd@staff.test [#${overdue[0]}] Overdue: late doing`,
        `cyd@staff.test [#${overdue[1]}] Overdue: late waiting, no owner`,
      ].sort(),
    );
  });

  it('a second run the same day queues nothing; the next day it does again', async () => {
    expect((await h.notifier.sendOverdueNotifications({ now: new Date(now.getTime() + 3_600_000) })).queued).toEqual([]);
    expect((await h.notifier.sendOverdueNotifications({ now, dryRun: true })).queued).toEqual([]);
    // Tomorrow the issue due later today is overdue too; solved and archived ones still are not.
    const tomorrow = await h.notifier.sendOverdueNotifications({ now: new Date(now.getTime() + day) });
    expect(tomorrow.queued).toHaveLength(5);
    const titles = await h.db.prisma.issue.findMany({ where: { id: { in: tomorrow.queued.map((q) => String(q.ticketId)) } }, select: { title: true } });
    expect(titles.map((t) => t.title).sort()).toEqual(['due later today', 'late doing', 'late waiting, no owner']);
  });
});
