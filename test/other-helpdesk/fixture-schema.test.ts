import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOtherHelpdeskDatabase, type OtherHelpdeskDatabase } from './support/fixture-database';
import { fixtureSchemaDir } from './support/fixture-schema';

// The fixture itself, before any notifier touches it: the schema folder is
// complete, its client writes and reads the host's shapes, and its tables
// carry the mapped names.

const files = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.prisma')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('the second helpdesk schema', () => {
  it("holds the host's models and a copy of the notifier's own tables, the one the repository ships", () => {
    const folder = files(fixtureSchemaDir.sqlite);
    expect(Object.keys(folder)).toEqual(['helpdesk.prisma', 'notifier.prisma', 'schema.prisma']);
    const shipped = join(__dirname, '..', '..', 'prisma', 'schema', 'notifier.prisma');
    const source = existsSync(shipped) ? shipped : join(__dirname, 'notifier-until-split.prisma');
    expect(folder['notifier.prisma']).toBe(readFileSync(source, 'utf8'));
    // The notifier's tables know nothing of the host's models.
    expect(folder['notifier.prisma']).not.toMatch(/\b(Issue|IssueNote|Agent|Requester)\b/);
  });

  it('has a PostgreSQL twin that differs only in the provider and where its client goes', () => {
    const sqlite = files(fixtureSchemaDir.sqlite);
    const postgres = files(fixtureSchemaDir.postgresql);
    expect(Object.keys(postgres)).toEqual(Object.keys(sqlite));
    for (const name of Object.keys(sqlite)) {
      const back = postgres[name].replace('provider = "postgresql"', 'provider = "sqlite"').replace('"../postgresql"', '"../generated/sqlite"');
      expect({ name, text: back }).toEqual({ name, text: sqlite[name] });
    }
  });
});

describe('the second helpdesk database', () => {
  let db: OtherHelpdeskDatabase;
  beforeAll(async () => {
    db = await createOtherHelpdeskDatabase();
  });
  afterAll(() => db?.drop());

  it('writes and reads issues with cuid ids, their notes and people, through the generated client', async () => {
    const agent = await db.prisma.agent.create({ data: { fullName: 'Ada Agent', workEmail: 'ada@staff.test', language: 'de' } });
    const requester = await db.prisma.requester.create({ data: { displayName: 'Carol Customer', organisation: 'Acme' } });
    const issue = await db.prisma.issue.create({
      data: {
        title: 'Printer on fire',
        requesterId: requester.id,
        reporterId: agent.id,
        notes: { create: { writerId: agent.id, text: 'Looking', isPrivate: true } },
      },
      include: { notes: true },
    });
    expect(issue.id).toMatch(/^c[a-z0-9]{20,}$/);
    expect(issue).toMatchObject({ state: 'todo', body: '', urgency: null, deadline: null, ownerId: null });
    expect(issue.notes).toEqual([expect.objectContaining({ issueId: issue.id, writerId: agent.id, isPrivate: true, postedAt: expect.any(Date) })]);
    expect(requester.contactEmail).toBeNull();
  });

  it('keeps them in tables and columns of their own names', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ title: string; requester_id: string }[]>(
      `SELECT i."title", i."requester_id" FROM "issues" i JOIN "requesters" r ON r."id" = i."requester_id" JOIN "agents" a ON a."id" = i."reporter_id" WHERE a."work_email" = 'ada@staff.test'`,
    );
    expect(rows).toEqual([{ title: 'Printer on fire', requester_id: expect.stringMatching(/^c/) }]);
    const notes = await db.prisma.$queryRawUnsafe<unknown[]>('SELECT "issue_id", "writer_id", "is_private", "posted_at" FROM "issue_notes"');
    expect(notes).toHaveLength(1);
  });

  it("has the notifier's tables, with text ticket and person ids", async () => {
    const issue = await db.prisma.issue.findFirstOrThrow();
    const row = await db.prisma.emailOutbox.create({
      data: {
        idempotencyKey: 'k1',
        event: 'ticket_created',
        ticketId: issue.id,
        recipientEmail: 'carol@customer.test',
        recipientName: 'Carol Customer',
        recipientKind: 'customer',
        recipientId: issue.requesterId,
        audience: 'customer',
        payload: {},
        messageId: '<m1@helpdesk.test>',
      },
    });
    expect(row).toMatchObject({ ticketId: issue.id, recipientId: issue.requesterId, status: 'pending' });
    await db.prisma.emailOutbox.delete({ where: { id: row.id } });
    for (const table of ['SkippedNotification', 'NotificationPreference', 'Brand', 'EmailAddressStatus', 'BounceReport', 'Installation']) {
      await expect(db.prisma.$queryRawUnsafe(`SELECT COUNT(*) FROM "${table}"`)).resolves.toBeDefined();
    }
  });
});
