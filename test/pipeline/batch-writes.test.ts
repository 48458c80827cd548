import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

// Batch writes nobody delivers here: the rows they queue are counted, not sent.
let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

const db = () => h.notifier.client;

describe('batch writes', () => {
  // The notifier narrows a batch write to the rows it read; a list of ids longer than a statement may
  // carry must not fail a write that bare Prisma accepts.
  it('updateMany over more tickets than one statement may name: accepted, and every ticket queued once', async () => {
    const many = 2_500;
    await h.db.prisma.ticket.createMany({
      data: Array.from({ length: many }, (_, i) => ({ subject: `Batch ${i}`, customerId: people.carol.id, createdById: people.cyd.id })),
    });
    const result = await db().ticket.updateMany({ where: { subject: { startsWith: 'Batch ' } }, data: { status: 'pending' } });
    expect(result).toEqual({ count: many });
    await h.notifier.planChanges();
    // This file's database holds no other status changes.
    const queued = await h.db.prisma.emailOutbox.groupBy({ by: ['ticketId'], where: { event: 'status_changed' }, _count: true });
    expect(queued).toHaveLength(many);
    expect(queued.every((q) => q._count === 1)).toBe(true);
    const returned = await db().ticket.updateManyAndReturn({ where: { subject: { startsWith: 'Batch ' } }, data: { status: 'in_progress' } });
    expect(new Set(returned.map((t) => t.id)).size).toBe(many);
  });

  it('updateMany with a limit changes and notifies only that many tickets', async () => {
    await h.db.prisma.ticket.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({ subject: `Limited ${i}`, customerId: people.carol.id, createdById: people.cyd.id })),
    });
    const result = await db().ticket.updateMany({ where: { subject: { startsWith: 'Limited ' } }, data: { status: 'pending' }, limit: 2 });
    expect(result).toEqual({ count: 2 });
    await h.notifier.planChanges();
    const changed = await h.db.prisma.ticket.findMany({ where: { subject: { startsWith: 'Limited ' }, status: 'pending' }, select: { id: true } });
    const queued = await h.db.prisma.emailOutbox.findMany({ where: { event: 'status_changed', ticketId: { in: changed.map((t) => String(t.id)) } } });
    expect(changed).toHaveLength(2);
    expect(new Set(queued.map((q) => q.ticketId)).size).toBe(2);
    const unchanged = await h.db.prisma.ticket.findMany({ where: { subject: { startsWith: 'Limited ' }, status: { not: 'pending' } }, select: { id: true } });
    expect(unchanged).toHaveLength(3);
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: { in: unchanged.map((t) => String(t.id)) } } })).toBe(0);
  });
});
