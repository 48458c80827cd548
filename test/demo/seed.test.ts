import { seed } from '../../src/demo/seed';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

it('loads staff, customers and tickets, and a second run adds nothing', async () => {
  await seed(db.prisma);
  const counts = async () => [await db.prisma.user.count(), await db.prisma.customer.count(), await db.prisma.ticket.count()];
  expect(await counts()).toEqual([3, 3, 3]);
  await seed(db.prisma);
  expect(await counts()).toEqual([3, 3, 3]);
  const overdue = await db.prisma.ticket.count({ where: { dueDate: { lt: new Date() }, status: { in: ['new', 'open', 'in_progress', 'pending'] } } });
  expect(overdue).toBe(1);
});
