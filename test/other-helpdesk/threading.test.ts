import type { ParsedMail } from 'mailparser';
import { createTicketNotifier, type NotifierOptions } from '../../src';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { bullmqPrefix, onBullmq, smtpEnv } from '../support/notifier-harness';
import { createOtherHelpdeskDatabase, type OtherHelpdeskDatabase } from './support/fixture-database';
import { appClient, createCast, withOtherHarness, type Cast, type OtherHarness } from './support/harness';
import { OTHER_SCHEMA } from './support/other-schema';

// test/pipeline/threading.test.ts on the second helpdesk: the thread of
// each recipient's emails about an issue hangs off a root named by its cuid.

let h: OtherHarness;
let people: Cast;
withOtherHarness((harness, cast) => ((h = harness), (people = cast)));

const ROOT = (issueId: string) => new RegExp(`^<ticket-${issueId}\\.[0-9a-f]+@helpdesk\\.test>$`);

/** What each address received about one issue, in the order the rows were queued. */
async function mailAbout(issueId: string): Promise<Map<string, ParsedMail[]>> {
  const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: issueId }, orderBy: { id: 'asc' } });
  const byId = new Map(h.mail.messages.map((m) => [m.parsed.messageId, m.parsed]));
  const out = new Map<string, ParsedMail[]>();
  for (const r of rows) out.set(r.recipientEmail, [...(out.get(r.recipientEmail) ?? []), byId.get(r.messageId)!]);
  return out;
}

/** Each later email names the first as In-Reply-To and References; the first names nothing. */
function expectOneThread(mails: ParsedMail[], issueId: string) {
  const [first, ...later] = mails;
  expect(first.messageId).toMatch(ROOT(issueId));
  expect(first.inReplyTo).toBeUndefined();
  expect(first.references).toBeUndefined();
  for (const m of later) {
    expect(m.messageId).not.toBe(first.messageId);
    expect(m.inReplyTo).toBe(first.messageId);
    expect(m.references).toBe(first.messageId);
  }
}

describe('thread roots on another schema', () => {
  it("every recipient's first email about an issue is their root, whatever its event: an assignment, a private note", async () => {
    const app = h.app;
    const t = await app.issue.create({ data: { title: 'Roots', requesterId: people.carol.id, reporterId: people.cyd.id } });
    await app.issue.update({ where: { id: t.id }, data: { ownerId: people.ada.id } });
    await app.issueNote.create({ data: { issueId: t.id, writerId: people.bob.id, text: 'Looked at it.', isPrivate: true } });
    await app.issue.update({ where: { id: t.id }, data: { state: 'waiting' } });
    await app.issueNote.create({ data: { issueId: t.id, writerId: people.ada.id, text: 'Waiting on the vendor.', isPrivate: true } });
    await h.notifier.drain();

    const got = await mailAbout(t.id);
    const events = (address: string) => got.get(address)!.map((m) => m.headers.get('x-ticket-event'));
    expect(events('carol@customer.test')).toEqual(['ticket_created', 'status_changed']);
    expect(events('ada@staff.test')).toEqual(['ticket_assigned', 'comment_added', 'status_changed']);
    expect(events('cyd@staff.test')).toEqual(['comment_added', 'comment_added']);
    expect(events('bob@staff.test')).toEqual(['comment_added']);
    for (const mails of got.values()) expectOneThread(mails, t.id);
    expect(new Set([...got.values()].map((mails) => mails[0].messageId)).size).toBe(4);
  });

  it('a resend carries the same Message-ID and the same thread headers', async () => {
    const t = await h.app.issue.create({ data: { title: 'Resent', requesterId: people.carol.id, reporterId: people.cyd.id } });
    await h.app.issue.update({ where: { id: t.id }, data: { state: 'doing' } });
    await h.notifier.drain();
    // A sender that died after the server took them and before it marked them sent: the lease runs out, they go again.
    await h.db.prisma.emailOutbox.updateMany({ where: { ticketId: t.id }, data: { status: 'sending', lockedBy: 'crashed', lockedUntil: new Date(Date.now() - 1000) } });
    await h.notifier.drain();

    const copies = h.mail.to('carol@customer.test').filter((m) => m.parsed.subject?.includes(`[#${t.id}]`));
    expect(copies).toHaveLength(4);
    const heads = copies.map((m) => [m.parsed.messageId, m.parsed.inReplyTo ?? null]);
    const [root, status] = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: t.id }, orderBy: { id: 'asc' } });
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

describe('two installations of the second helpdesk sending from one domain', () => {
  let other: OtherHelpdeskDatabase;
  beforeAll(async () => {
    other = await createOtherHelpdeskDatabase();
  });
  afterAll(() => other?.drop());

  it('give the same issue id and address different Message-IDs', async () => {
    const config = loadConfig({ DATABASE_URL: other.url, ...smtpEnv(h.mail.port, onBullmq ? { BULLMQ_PREFIX: `${bullmqPrefix}:staging` } : {}) });
    const prisma = other.prisma as unknown as NotifierOptions['prisma'];
    const staging = createTicketNotifier({ prisma, config, logger: createLogger(config.logLevel), schema: OTHER_SCHEMA });
    try {
      const cast = await createCast(other.prisma);
      const id = `cshared${Date.now().toString(36)}`;
      await appClient(staging).issue.create({ data: { id, title: 'On staging', requesterId: cast.carol.id, reporterId: cast.cyd.id } });
      await h.app.issue.create({ data: { id, title: 'In production', requesterId: people.carol.id, reporterId: people.cyd.id } });
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
});
