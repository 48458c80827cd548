import type { AppPrismaClient } from '../../src/db';

export interface Helpdesk {
  staffIds: number[];
  customerIds: number[];
}

/** Staff and customers with addresses, made in bulk. */
export async function seedPeople(prisma: AppPrismaClient, staff = 20, customers = 500): Promise<Helpdesk> {
  await prisma.user.createMany({
    data: Array.from({ length: staff }, (_, i) => ({ name: `Agent ${i}`, email: `agent${i}@helpdesk.bench` })),
  });
  await prisma.customer.createMany({
    data: Array.from({ length: customers }, (_, i) => ({ name: `Customer ${i}`, email: `customer${i}@customer.bench` })),
  });
  const staffIds = (await prisma.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
  const customerIds = (await prisma.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  return { staffIds, customerIds };
}

/** The data of the i-th bench ticket: open, assigned, spread over the people. */
export function ticketData(h: Helpdesk, i: number, extra: { dueDate?: Date | null; status?: 'new' | 'open' } = {}) {
  return {
    subject: `Bench ticket ${i}: the printer on floor ${i % 7} is out of toner`,
    description: 'Seeded by the benchmark. It has a description of a realistic length, a sentence or two about the problem.',
    status: extra.status ?? ('open' as const),
    priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4],
    customerId: h.customerIds[i % h.customerIds.length],
    createdById: h.staffIds[i % h.staffIds.length],
    assignedToId: h.staffIds[(i + 1) % h.staffIds.length],
    dueDate: extra.dueDate ?? null,
  };
}

/** Creates `count` tickets in batches with the bare client (no emails). */
export async function seedTickets(
  prisma: AppPrismaClient,
  h: Helpdesk,
  count: number,
  extra: (i: number) => Parameters<typeof ticketData>[2] = () => ({}),
  onProgress?: (done: number) => void,
): Promise<void> {
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    await prisma.ticket.createMany({ data: Array.from({ length: n }, (_, k) => ticketData(h, start + k, extra(start + k))) });
    onProgress?.(start + n);
  }
}
