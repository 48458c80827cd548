import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { ParsedMail } from 'mailparser';
import { createTicketNotifier, type TicketNotifier } from '../../src';
import { loadConfig } from '../../src/config';
import { createPrismaClient, migrateDeploy, type AppPrismaClient } from '../../src/db';
import { createLogger } from '../../src/logging';
import { bullmqPrefix, onBullmq, smtpEnv, type Harness } from '../support/notifier-harness';
import { pgDatabaseName, sqliteDir, withDatabase } from '../support/test-run';
import { withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const ROOT = (ticketId: number) => new RegExp(`^<ticket-${ticketId}\\.[0-9a-f]+@helpdesk\\.test>$`);

/** What each address received about one ticket, in the order the rows were queued. */
async function mailAbout(ticketId: number): Promise<Map<string, ParsedMail[]>> {
  const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(ticketId) }, orderBy: { id: 'asc' } });
  const byId = new Map(h.mail.messages.map((m) => [m.parsed.messageId, m.parsed]));
  const out = new Map<string, ParsedMail[]>();
  for (const r of rows) out.set(r.recipientEmail, [...(out.get(r.recipientEmail) ?? []), byId.get(r.messageId)!]);
  return out;
}

/** Each later email names the first as In-Reply-To and References; the first names nothing. */
function expectOneThread(mails: ParsedMail[], ticketId: number) {
  const [first, ...later] = mails;
  expect(first.messageId).toMatch(ROOT(ticketId));
  expect(first.inReplyTo).toBeUndefined();
  expect(first.references).toBeUndefined();
  for (const m of later) {
    expect(m.messageId).not.toBe(first.messageId);
    expect(m.inReplyTo).toBe(first.messageId);
    expect(m.references).toBe(first.messageId);
  }
}

describe('thread roots', () => {
  it("every recipient's first email about a ticket is their root, whatever its event: an assignment, an internal note", async () => {
    const n = h.notifier;
    const t = await n.client.ticket.create({ data: { subject: 'Roots', customerId: people.carol.id, createdById: people.cyd.id } });
    await n.client.ticket.update({ where: { id: t.id }, data: { assignedToId: people.ada.id } });
    await n.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.bob.id, content: 'Looked at it.', isInternal: true } });
    await n.client.ticket.update({ where: { id: t.id }, data: { status: 'pending' } });
    await n.client.ticketComment.create({ data: { ticketId: t.id, authorId: people.ada.id, content: 'Waiting on the vendor.', isInternal: true } });
    await n.drain();

    const got = await mailAbout(t.id);
    const events = (address: string) => got.get(address)!.map((m) => m.headers.get('x-ticket-event'));
    expect(events('carol@customer.test')).toEqual(['ticket_created', 'status_changed']);
    expect(events('ada@staff.test')).toEqual(['ticket_assigned', 'comment_added', 'status_changed']);
    expect(events('cyd@staff.test')).toEqual(['comment_added', 'comment_added']);
    expect(events('bob@staff.test')).toEqual(['comment_added']);
    for (const mails of got.values()) expectOneThread(mails, t.id);
    // Each recipient's copy is a message of its own.
    expect(new Set([...got.values()].map((mails) => mails[0].messageId)).size).toBe(4);
  });

  it('a resend carries the same Message-ID and the same thread headers', async () => {
    const t = await h.notifier.client.ticket.create({ data: { subject: 'Resent', customerId: people.carol.id, createdById: people.cyd.id } });
    await h.notifier.client.ticket.update({ where: { id: t.id }, data: { status: 'open' } });
    await h.notifier.drain();
    // A sender that died after the server took them and before it marked them sent: the lease runs out, they go again.
    await h.db.prisma.emailOutbox.updateMany({ where: { ticketId: String(t.id) }, data: { status: 'sending', lockedBy: 'crashed', lockedUntil: new Date(Date.now() - 1000) } });
    await h.notifier.drain();

    const copies = h.mail.to('carol@customer.test').filter((m) => m.parsed.subject?.includes(`[#${t.id}]`));
    expect(copies).toHaveLength(4);
    const heads = copies.map((m) => [m.parsed.messageId, m.parsed.inReplyTo ?? null]);
    const [root, status] = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) }, orderBy: { id: 'asc' } });
    expect(heads.filter(([id]) => id === root.messageId)).toEqual([
      [root.messageId, null],
      [root.messageId, null],
    ]);
    expect(heads.filter(([id]) => id === status.messageId)).toEqual([
      [status.messageId, root.messageId],
      [status.messageId, root.messageId],
    ]);
  });
});

describe('two installations sending from one domain', () => {
  // Another installation: a database of its own, made by the migrations as a new deploy's would be.
  let other: { prisma: AppPrismaClient; url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    const runId = process.env.TEST_RUN_ID!;
    const suffix = `other${randomBytes(3).toString('hex')}`;
    if (h.db.provider === 'sqlite') {
      const url = `file:${join(sqliteDir(runId), `${suffix}.db`)}`;
      await migrateDeploy(url);
      const prisma = createPrismaClient(url);
      other = { prisma, url, drop: () => prisma.$disconnect() };
    } else {
      const admin = process.env.TEST_DATABASE_URL!;
      const name = pgDatabaseName(runId, suffix);
      const run = async (sql: string) => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(sql);
        await c.end();
      };
      await run(`CREATE DATABASE "${name}"`);
      const url = withDatabase(admin, name);
      await migrateDeploy(url);
      const prisma = createPrismaClient(url);
      other = { prisma, url, drop: async () => (await prisma.$disconnect(), await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
    }
  });
  afterAll(() => other.drop());

  it('give the same ticket and address different Message-IDs, so a mail client keeps both emails', async () => {
    // Under BullMQ each installation has queues of its own (its job ids are its row ids).
    const config = loadConfig({ DATABASE_URL: other.url, ...smtpEnv(h.mail.port, onBullmq ? { BULLMQ_PREFIX: `${bullmqPrefix}:staging` } : {}) });
    const staging: TicketNotifier = createTicketNotifier({ prisma: other.prisma, config, logger: createLogger(config.logLevel) });
    try {
      const staff = await other.prisma.user.create({ data: { name: 'Cyd Chief', email: 'cyd@staff.test' } });
      const customer = await other.prisma.customer.create({ data: { name: 'Carol Customer', email: 'carol@customer.test' } });
      const id = 90_000 + Math.floor(Math.random() * 1000);
      await staging.client.ticket.create({ data: { id, subject: 'On staging', customerId: customer.id, createdById: staff.id } });
      await h.notifier.client.ticket.create({ data: { id, subject: 'In production', customerId: people.carol.id, createdById: people.cyd.id } });
      await staging.drain();
      await h.notifier.drain();

      const firsts = h.mail.to('carol@customer.test').filter((m) => m.parsed.subject?.startsWith(`[#${id}] New ticket`));
      expect(firsts.map((m) => m.parsed.subject).sort()).toEqual([`[#${id}] New ticket: In production`, `[#${id}] New ticket: On staging`]);
      for (const m of firsts) expect(m.parsed.messageId).toMatch(ROOT(id));
      expect(firsts[0].parsed.messageId).not.toBe(firsts[1].parsed.messageId);
    } finally {
      await staging.close();
    }
  });

  it("read the installation's key once per process, not once per write", async () => {
    const config = loadConfig({ DATABASE_URL: other.url, ...smtpEnv(h.mail.port) });
    const statements: string[] = [];
    const counted = createPrismaClient(other.url).$extends({
      query: { $allOperations: ({ args, query, operation }) => (statements.push(operation === '$queryRaw' ? String((args as any)?.[0] ?? (args as any)?.strings?.join('?')) : operation), query(args)) },
    }) as unknown as AppPrismaClient;
    const n = createTicketNotifier({ prisma: counted, config, logger: createLogger(config.logLevel) });
    try {
      const staff = await other.prisma.user.create({ data: { name: 'Dee', email: 'dee@staff.test' } });
      const customer = await other.prisma.customer.create({ data: { name: 'Eve', email: 'eve@customer.test' } });
      for (let i = 0; i < 3; i++) await n.client.ticket.create({ data: { subject: `Count ${i}`, customerId: customer.id, createdById: staff.id } });
      await n.planChanges();
      expect(statements.filter((s) => /"Installation"/.test(s))).toHaveLength(1);
    } finally {
      await n.close();
    }
  });
});
