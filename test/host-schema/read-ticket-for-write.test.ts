import { hostStore, resolveHostSchema, type HostDb } from '../../src/host-schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

// The read through the default mapping (this repository's schema), as the notifier makes it.
const readTicketForWrite = (p: object, provider: TestDatabase['provider'], id: number) =>
  hostStore(resolveHostSchema(db.prisma), provider).readTicketForWrite(p as HostDb, id);

describe('reading a ticket before a write, in one statement', () => {
  it('gives what Prisma reads, field for field, on this database', async () => {
    const p = db.prisma;
    const ada = await p.user.create({ data: { name: 'Ada “A” Lovelace', email: 'ada@staff.test' } });
    const gone = await p.user.create({ data: { name: 'Former Agent', email: 'former@staff.test', active: false, locale: 'de-AT', emailDigest: true } });
    const carol = await p.customer.create({ data: { name: 'Carol', email: 'carol@customer.test' } });
    const anon = await p.customer.create({ data: { name: 'No Address', email: null, locale: 'de', company: 'Acme' } });
    const tickets = [
      await p.ticket.create({ data: { subject: 'Plain', customerId: carol.id, createdById: ada.id } }),
      await p.ticket.create({
        data: {
          subject: 'Full ✓ ليلى',
          description: 'x'.repeat(2000),
          status: 'in_progress',
          priority: 'urgent',
          customerId: anon.id,
          createdById: gone.id,
          assignedToId: ada.id,
          dueDate: new Date('2026-03-01T12:34:56.789Z'),
        },
      }),
    ];
    for (const t of tickets) {
      const read = await readTicketForWrite(p, db.provider, t.id);
      const full = await p.ticket.findUniqueOrThrow({ where: { id: t.id } });
      expect(read).toEqual({
        id: full.id,
        subject: full.subject,
        description: full.description,
        status: full.status,
        priority: full.priority,
        customerId: full.customerId,
        createdById: full.createdById,
        assignedToId: full.assignedToId,
        dueDate: full.dueDate,
      });
    }
  });

  it('gives null for a ticket that does not exist', async () => {
    expect(await readTicketForWrite(db.prisma, db.provider, 999_999)).toBeNull();
  });

  // Concurrent writers of one ticket queue behind its row lock instead of failing; each reads what the one
  // before it committed. SQLite has one writer at a time and takes no row locks.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
  onPostgres('holds the row until commit: a second read waits, then sees what the first write committed', async () => {
    const p = db.prisma;
    const ada = await p.user.create({ data: { name: 'Ada', email: 'ada@staff.test' } });
    const carol = await p.customer.create({ data: { name: 'Carol', email: 'carol@customer.test' } });
    const t = await p.ticket.create({ data: { subject: 'Locked', customerId: carol.id, createdById: ada.id } });
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => (releaseFirst = r));
    let firstLocked!: () => void;
    const locked = new Promise<void>((r) => (firstLocked = r));
    const first = p.$transaction(async (tx) => {
      const read = await readTicketForWrite(tx, db.provider, t.id);
      order.push(`first read ${read!.status}`);
      firstLocked();
      await firstHolds;
      await tx.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
      order.push('first wrote open');
    });
    await locked;
    const second = p.$transaction(async (tx) => {
      const read = await readTicketForWrite(tx, db.provider, t.id);
      order.push(`second read ${read!.status}`);
    });
    // Give the second read every chance to overtake; it must not.
    await new Promise((r) => setTimeout(r, 300));
    order.push('releasing first');
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first read new', 'releasing first', 'first wrote open', 'second read open']);
  });
});
