import type { AppPrismaClient } from '../db';

const day = 24 * 60 * 60 * 1000;

/**
 * A small helpdesk to look at: three staff, three customers, a few tickets.
 * Safe to run twice: people are matched by email and tickets by subject.
 */
export async function seed(prisma: AppPrismaClient, now = new Date()) {
  const staff = await Promise.all(
    [
      { name: 'Ada Lovelace', email: 'ada@helpdesk.example' },
      { name: 'Grace Hopper', email: 'grace@helpdesk.example' },
      { name: 'Linus Torvalds', email: 'linus@helpdesk.example' },
    ].map((u) => prisma.user.upsert({ where: { email: u.email }, create: u, update: {} })),
  );
  const customers = [];
  for (const c of [
    { name: 'Marie Curie', email: 'marie@customer.example', company: 'Radium Labs' },
    { name: 'Alan Turing', email: 'alan@customer.example', company: 'Bletchley Ltd' },
    { name: 'Hedy Lamarr', email: 'hedy@customer.example', company: null },
  ]) {
    customers.push((await prisma.customer.findFirst({ where: { email: c.email } })) ?? (await prisma.customer.create({ data: c })));
  }
  const tickets = [
    { subject: 'Printer on fire', priority: 'urgent', status: 'open', customer: 0, creator: 0, assignee: 1, due: -2 },
    { subject: 'Cannot log in to the portal', priority: 'high', status: 'new', customer: 1, creator: 1, assignee: null, due: 3 },
    { subject: 'Invoice shows the wrong VAT rate', priority: 'medium', status: 'pending', customer: 2, creator: 0, assignee: 2, due: null },
  ] as const;
  for (const t of tickets) {
    const existing = await prisma.ticket.findFirst({ where: { subject: t.subject } });
    if (existing) continue;
    await prisma.ticket.create({
      data: {
        subject: t.subject,
        description: `Seeded ticket: ${t.subject}.`,
        priority: t.priority,
        status: t.status,
        customerId: customers[t.customer].id,
        createdById: staff[t.creator].id,
        assignedToId: t.assignee === null ? null : staff[t.assignee].id,
        dueDate: t.due === null ? null : new Date(now.getTime() + t.due * day),
      },
    });
  }
  return { staff, customers };
}
