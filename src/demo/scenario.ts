import { runAs, type TicketNotifier } from '..';
import type { seed } from './seed';

type People = Awaited<ReturnType<typeof seed>>;

/**
 * The reference module's "test all templates" walk-through: one ticket from
 * creation to closing, a public and an internal comment, an edit, and an
 * overdue ticket. Each step prints what it does; the emails follow.
 */
export async function runScenario(notifier: TicketNotifier, people: People, log: (line: string) => void) {
  const db = notifier.client;
  const [ada, grace, linus] = people.staff;
  const [marie] = people.customers;
  const step = async (text: string, fn: () => Promise<unknown>) => {
    log(`\n>>> ${text}`);
    await fn();
    await notifier.drain();
  };

  const ticket = await runAs(ada, () =>
    db.ticket.create({
      data: { subject: 'Test Ticket', description: 'Testing email notifications', customerId: marie.id, createdById: ada.id, priority: 'high' },
    }),
  );
  log(`\n>>> Ada creates ticket #${ticket.id} for ${marie.name}`);
  await notifier.drain();

  await step('Ada assigns it to Grace', () => runAs(ada, () => db.ticket.update({ where: { id: ticket.id }, data: { assignedToId: grace.id } })));
  await step('Grace replies to the customer (public comment)', () =>
    db.ticketComment.create({ data: { ticketId: ticket.id, authorId: grace.id, content: 'Thanks, we are looking into it.\nMore soon.' } }),
  );
  await step('Linus adds an internal note (the customer must not see it)', () =>
    db.ticketComment.create({ data: { ticketId: ticket.id, authorId: linus.id, content: 'Internal: check the firmware first.', isInternal: true } }),
  );
  await step('Ada raises the priority and sets a due date', () =>
    runAs(ada, () => db.ticket.update({ where: { id: ticket.id }, data: { priority: 'urgent', dueDate: new Date(Date.now() + 2 * 86_400_000) } })),
  );
  await step('Grace starts work (status → in progress)', () =>
    runAs(grace, () => db.ticket.update({ where: { id: ticket.id }, data: { status: 'in_progress' } })),
  );
  await step('Grace resolves it', () =>
    runAs(grace, () => db.ticket.update({ where: { id: ticket.id }, data: { status: 'resolved', resolvedAt: new Date() } })),
  );
  await step('Ada closes it', () => runAs(ada, () => db.ticket.update({ where: { id: ticket.id }, data: { status: 'closed', closedAt: new Date() } })));

  const late = await db.ticket.create({
    data: {
      subject: 'Quarterly report is late',
      customerId: marie.id,
      createdById: ada.id,
      assignedToId: linus.id,
      dueDate: new Date(Date.now() - 86_400_000),
      status: 'open',
    },
  });
  await notifier.drain();
  await step(`The daily overdue run finds ticket #${late.id} (and any other overdue ticket)`, () => notifier.sendOverdueNotifications());
}
