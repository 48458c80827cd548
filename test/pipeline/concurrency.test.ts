import type { Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';

// Writers that bare Prisma accepts side by side (an agent, an automation and an SLA job touching one
// ticket) must all be accepted through the notifier too, and the emails must tell the story the
// database tells: one status email per committed transition and recipient, each starting where the one
// before it ended. On PostgreSQL this is real concurrency on one row; SQLite serialises the writers.

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const db = () => h.notifier.client;
const STATUSES = ['open', 'in_progress', 'pending', 'new'] as const;
const NAMES: Record<string, string> = { New: 'new', Open: 'open', 'In progress': 'in_progress', Pending: 'pending' };

const newTicket = () =>
  h.db.prisma.ticket.create({ data: { subject: 'Busy ticket', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });

/** The status transitions one recipient was told about for one ticket, in the order the outbox queued them. */
async function transitionsTold(ticketId: number, address: string): Promise<{ from: string; to: string }[]> {
  const rows = await h.db.prisma.emailOutbox.findMany({
    where: { ticketId: String(ticketId), recipientEmail: address, event: 'status_changed' },
    orderBy: { id: 'asc' },
    select: { messageId: true },
  });
  const byMessageId = new Map(h.mail.to(address).map((m) => [m.parsed.messageId, m]));
  return rows.map((r) => {
    const mail = byMessageId.get(r.messageId);
    if (!mail) throw new Error(`${r.messageId} was queued for ${address} but never received`);
    const told = /changed(?: \(by [^)]*\))?: ([A-Za-z ]+) → ([A-Za-z ]+)\./.exec(mail.parsed.text ?? '');
    if (!told) throw new Error(`no transition in: ${mail.parsed.text}`);
    return { from: NAMES[told[1]], to: NAMES[told[2]] };
  });
}

/** The transitions form one chain from `first` to the ticket's final status. */
function expectChain(transitions: { from: string; to: string }[], first: string, last: string) {
  let at = first;
  for (const t of transitions) {
    expect(t.from).toBe(at);
    expect(t.to).not.toBe(t.from);
    at = t.to;
  }
  expect(at).toBe(last);
}

describe('concurrent writes on one ticket', () => {
  it('50 status updates on one ticket and 20 on 20 tickets at once: none rejected, one chained email per transition and recipient', async () => {
    const busy = await newTicket();
    const quiet = await Promise.all(Array.from({ length: 20 }, newTicket));
    const writes = [
      ...Array.from({ length: 50 }, (_, i) => db().ticket.update({ where: { id: busy.id }, data: { status: STATUSES[i % STATUSES.length] } })),
      ...quiet.map((t) => db().ticket.update({ where: { id: t.id }, data: { status: 'open' } })),
    ];
    const outcomes = await Promise.allSettled(writes);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.map((r) => String(r.reason).slice(0, 300))).toEqual([]);

    await h.notifier.drain();
    const final = (await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: busy.id } })).status;
    const told = await transitionsTold(busy.id, 'carol@customer.test');
    expect(told.length).toBeGreaterThan(0);
    expectChain(told, 'new', final);
    // The assignee was told exactly the same story.
    expect(await transitionsTold(busy.id, 'ada@staff.test')).toEqual(told);
    for (const t of quiet) {
      expect(await transitionsTold(t.id, 'carol@customer.test')).toEqual([{ from: 'new', to: 'open' }]);
      expect(await transitionsTold(t.id, 'ada@staff.test')).toEqual([{ from: 'new', to: 'open' }]);
    }
    // Nothing arrived twice.
    expect([...h.mail.countsByMessageId().values()].every((n) => n === 1)).toBe(true);
  });

  it('updateMany, single updates and interactive transactions on the same tickets at once: none rejected, every chain exact', async () => {
    const tickets = await Promise.all(Array.from({ length: 5 }, newTicket));
    const ids = tickets.map((t) => t.id);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      const status = STATUSES[i % STATUSES.length];
      writes.push(db().ticket.updateMany({ where: { id: { in: ids } }, data: { status } }));
      writes.push(db().ticket.update({ where: { id: ids[i % ids.length] }, data: { status: STATUSES[(i + 1) % STATUSES.length] } }));
      // Two rows in id order, as the batch writes lock them: in the other order bare Prisma could deadlock too.
      const [first, second] = [ids[(i + 2) % ids.length], ids[(i + 3) % ids.length]].sort((a, b) => a - b);
      writes.push(
        db().$transaction(
          async (tx) => {
            await tx.ticket.update({ where: { id: first }, data: { status } });
            await tx.ticket.update({ where: { id: second }, data: { priority: i % 2 ? 'high' : 'low' } });
          },
          // Waiting for a pooled connection or a row lock is not what this test is about.
          { maxWait: 30_000, timeout: 30_000 },
        ),
      );
    }
    const outcomes = await Promise.allSettled(writes);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.map((r) => String(r.reason).slice(0, 300))).toEqual([]);

    await h.notifier.drain();
    for (const id of ids) {
      const final = (await h.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status;
      const told = await transitionsTold(id, 'carol@customer.test');
      expectChain(told, 'new', final);
      expect(await transitionsTold(id, 'ada@staff.test')).toEqual(told);
    }
  });

  it('a comment created inside a ticket update while others comment on the same ticket is announced once', async () => {
    const t = await newTicket();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      writes.push(
        db().ticket.update({
          where: { id: t.id },
          data: { priority: i % 2 ? 'high' : 'low', comments: { create: { authorId: people.bob.id, content: `nested ${i}` } } },
        }),
      );
      writes.push(db().ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: `plain ${i}` } }));
    }
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    await h.notifier.planChanges();
    const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id), recipientEmail: 'carol@customer.test' } });
    const commentIds = rows.map((r) => (r.payload as { comments: { id: number }[] }).comments.map((c) => c.id)).flat();
    // Each of the 20 comments is in exactly one email to the customer.
    expect(commentIds.sort((a, b) => a - b)).toEqual(
      (await h.db.prisma.ticketComment.findMany({ where: { ticketId: t.id }, select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id),
    );
  });
});
