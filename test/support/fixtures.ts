import type { AppPrismaClient } from '../../src/db';

/** The cast of every delivery test: two staff, a third staff member, a customer. */
export async function createPeople(prisma: AppPrismaClient) {
  const ada = await prisma.user.create({ data: { name: 'Ada Agent', email: 'ada@staff.test' } });
  const bob = await prisma.user.create({ data: { name: 'Bob Builder', email: 'bob@staff.test' } });
  const cyd = await prisma.user.create({ data: { name: 'Cyd Chief', email: 'cyd@staff.test' } });
  const carol = await prisma.customer.create({ data: { name: 'Carol Customer', email: 'carol@customer.test', company: 'Acme' } });
  return { ada, bob, cyd, carol };
}
