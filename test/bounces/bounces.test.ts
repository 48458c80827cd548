import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bouncingReason, bouncingReasons, ingestReports, recordReport } from '../../src/bounces';
import { legacyThreadRootId } from '../../src/outbox';
import { createPeople } from '../support/fixtures';
import type { CaughtMail } from '../support/mail-catcher';
import { createHarness, smtpEnv, TEST_SECRET_KEY, type Harness } from '../support/notifier-harness';
import { runScript } from '../support/run-script';
import { dsn } from './dsn';

const fixtures = join(__dirname, 'fixtures');
const BOUNCE_ADDRESS = 'bounces@helpdesk.test';
const VERP = /^bounces\+(\d+)\.[0-9a-f]{24}@helpdesk\.test$/;
let h: Harness;
let people: Awaited<ReturnType<typeof createPeople>>;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  h = await createHarness({ BOUNCE_ADDRESS });
  people = await createPeople(h.db.prisma);
  env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port) };
  dir = mkdtempSync(join(tmpdir(), 'bounces-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});

const carol = 'carol@customer.test';
const statusOf = (address: string) => h.db.prisma.emailAddressStatus.findUnique({ where: { address } });
const ingestOptions = { hardLimit: 1, secretKey: TEST_SECRET_KEY, maxBytes: 10 * 1024 * 1024 };

let files = 0;
/** Writes a report where the bounce mailbox would have it. */
function reportFile(text: string, name = `report-${++files}.eml`): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A new ticket for a new customer, delivered: the customer's email, as the SMTP server saw it. */
async function deliveredTo(email: string): Promise<{ mail: CaughtMail; ticketId: number }> {
  const customer = await h.db.prisma.customer.create({ data: { name: email.split('@')[0], email } });
  const t = await h.notifier.client.ticket.create({ data: { subject: `For ${email}`, customerId: customer.id, createdById: people.cyd.id } });
  await h.notifier.drain();
  return { mail: h.mail.to(email).at(-1)!, ticketId: t.id };
}

describe('a real bounce, from the envelope sender to no mail and back', () => {
  let ticketId: number;
  let carolsMail: CaughtMail;
  let carolsRowId: number;

  it('each email goes out with its own signed envelope sender; the From header stays', async () => {
    const t = await h.notifier.client.ticket.create({
      data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
    });
    ticketId = t.id;
    await h.notifier.drain();
    const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(ticketId) }, orderBy: { recipientEmail: 'asc' } });
    expect(rows.map((r) => r.recipientEmail)).toEqual(['ada@staff.test', carol]);
    carolsRowId = rows[1].id;
    carolsMail = h.mail.to(carol)[0];
    expect(carolsMail.envelopeFrom).toMatch(VERP);
    expect(VERP.exec(carolsMail.envelopeFrom)![1]).toBe(String(carolsRowId));
    expect(h.mail.to('ada@staff.test')[0].envelopeFrom).toMatch(new RegExp(`^bounces\\+${rows[0].id}\\.`));
    expect(carolsMail.envelopeFrom.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(carolsMail.parsed.from?.value).toEqual([{ name: 'Helpdesk', address: 'support@helpdesk.test' }]);
    expect(carolsMail.parsed.headers.get('return-path')).toBeUndefined();
  });

  it('without BOUNCE_ADDRESS the envelope sender is the From address', async () => {
    const plain = h.makeNotifier({ BOUNCE_ADDRESS: '' });
    const before = h.mail.messages.length;
    await plain.client.ticket.create({ data: { subject: 'No tags', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.bob.id } });
    await plain.drain();
    await plain.close();
    const sent = h.mail.messages.slice(before);
    expect(sent.map((m) => m.envelopeTo[0]).sort()).toEqual(['bob@staff.test', carol]);
    expect(sent.map((m) => m.envelopeFrom)).toEqual(['support@helpdesk.test', 'support@helpdesk.test']);
  });

  it('bounces:ingest counts the bounce of that email, built from the envelope sender the server saw', async () => {
    // Queued before the bounce arrives, sent after it: delivery must catch it.
    await h.notifier.client.ticket.update({ where: { id: ticketId }, data: { status: 'open' } });
    // Queued now, before the bounce arrives: the next test sends it.
    await h.notifier.planChanges();
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId: String(ticketId), recipientEmail: carol, status: 'pending' } })).toBe(1);

    const file = reportFile(
      dsn({
        to: carolsMail.envelopeFrom,
        envelope: { 'Delivered-To': carolsMail.envelopeFrom },
        blocks: [{ final: 'Carol@Customer.test', diagnostic: 'smtp; 550 5.1.1 <carol@customer.test>: User unknown\x1b]0;pwned\x07\x1b[2J' }],
        returned: { as: 'text/rfc822-headers', headers: { From: 'Helpdesk <support@helpdesk.test>', 'Message-ID': carolsMail.parsed.messageId! } },
      }),
    );
    const r = await runScript('bounces-ingest.ts', [file], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}: hard 5.1.1 ${carol}\n`);
    expect(r.stdout).toContain('1 report(s): 1 hard, 0 soft bounce(s) counted, 0 ignored (not about an email sent from here); 0 skipped (not a bounce report); 0 too large; 0 already recorded');
    expect(r.stdout).toContain(`now bouncing: ${carol}`);
    expect(await statusOf(carol)).toMatchObject({ bouncing: true, hardBounces: 1, softBounces: 0, lastDiagnostic: expect.stringContaining('5.1.1') });
    expect(await h.db.prisma.bounceReport.findMany({ where: { address: carol } })).toEqual([expect.objectContaining({ outboxId: carolsRowId, ignored: null, kind: 'hard' })]);
  });

  it('a row queued before the bounce is not sent: failed, with the reason', async () => {
    h.mail.clear();
    const result = await h.notifier.drain();
    expect(result).toMatchObject({ sent: 1, failed: 1 });
    expect(h.mail.to(carol)).toHaveLength(0);
    expect(h.mail.to('ada@staff.test')).toHaveLength(1);
    const row = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId: String(ticketId), recipientEmail: carol, status: 'failed' } });
    expect(row.lastError).toMatch(/^address is bouncing \(1 hard bounce; last: smtp; 550 5\.1\.1/);
  });

  it('bounces:list and outbox:status print what the report said with its control characters escaped', async () => {
    const list = await runScript('bounces-list.ts', [], env);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(/[\x07\x1b]/);
    expect(list.stdout).toContain('User unknown\\x1b]0;pwned\\x07\\x1b[2J');
    const status = await runScript('outbox-status.ts', [], env);
    expect(status.stdout).not.toMatch(/[\x07\x1b]/);
    expect(status.stdout).toContain('\\x1b]0;pwned\\x07');
  });

  it('a batch sender looks up all its addresses at once, whatever their case, with the same reasons', async () => {
    const reasons = await bouncingReasons(h.db.prisma, h.db.provider, ['Carol@Customer.TEST', carol, 'ada@staff.test', 'dave@full.test']);
    expect([...reasons.keys()]).toEqual([carol]);
    expect(reasons.get(carol)).toBe(await bouncingReason(h.db.prisma, h.db.provider, 'CAROL@customer.test'));
    expect(await bouncingReason(h.db.prisma, h.db.provider, 'ada@staff.test')).toBeNull();
    expect(await bouncingReasons(h.db.prisma, h.db.provider, [])).toEqual(new Map());
  });

  it('a write while bouncing sends the customer nothing, and records why', async () => {
    h.mail.clear();
    await h.notifier.client.ticket.update({ where: { id: ticketId }, data: { status: 'in_progress' } });
    await h.notifier.drain();
    expect(h.mail.messages.map((m) => m.envelopeTo)).toEqual([['ada@staff.test']]);
    expect(await h.db.prisma.skippedNotification.findMany({ where: { recipientEmail: carol } })).toEqual([
      expect.objectContaining({ reason: 'bouncing', event: 'status_changed', ticketId: String(ticketId), recipientKind: 'customer', recipientId: String(people.carol.id) }),
    ]);
  });

  it('reading the same reports again changes nothing', async () => {
    const before = await h.db.prisma.emailAddressStatus.findMany({ orderBy: { address: 'asc' } });
    const reports = await h.db.prisma.bounceReport.count();
    const again = await ingestReports(h.db.prisma, [dir], ingestOptions);
    expect(again).toMatchObject({ reports: 0, hard: 0, soft: 0, ignored: 0, nowBouncing: [] });
    expect(again.duplicates).toBeGreaterThan(0);
    expect(await h.db.prisma.emailAddressStatus.findMany({ orderBy: { address: 'asc' } })).toEqual(before);
    expect(await h.db.prisma.bounceReport.count()).toBe(reports);
  });

  it('after bounces:clear the next write is delivered, and the failed row can be retried', async () => {
    const r = await runScript('bounces-clear.ts', ['Carol@Customer.test', 'nobody@nowhere.test'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`cleared ${carol}`);
    expect(r.stdout).toContain('nobody@nowhere.test: no bounces recorded; nothing to clear');
    expect(await statusOf(carol)).toMatchObject({ bouncing: false, hardBounces: 0, softBounces: 0, clearedAt: expect.any(Date) });

    h.mail.clear();
    await h.notifier.client.ticket.update({ where: { id: ticketId }, data: { status: 'pending' } });
    await h.notifier.drain();
    expect(h.mail.to(carol).map((m) => m.parsed.subject)).toEqual([`[#${ticketId}] Status changed: Printer on fire`]);

    const retry = await runScript('outbox-retry.ts', ['--all-failed'], env);
    expect(retry.stdout).toContain('re-queued 1 email(s)');
    await h.notifier.drain();
    expect(h.mail.to(carol).map((m) => m.parsed.subject)).toContain(`[#${ticketId}] Status changed: Printer on fire`);
  });
});

describe('bounces:ingest believes only reports about an email sent from here', () => {
  const IGNORED_NONE = 'it refers to no email sent from here (no signed bounce address, no known Message-ID)';

  it('one forged report naming 2000 addresses makes none bouncing: 50 recorded as ignored, the rest not read', async () => {
    const blocks = Array.from({ length: 2000 }, (_, i) => ({ final: i === 0 ? 'vic\x1b[2Jtim0@example.test' : `victim${i}@example.test` }));
    const file = reportFile(dsn({ to: 'support@helpdesk.test', blocks }));
    const r = await runScript('bounces-ingest.ts', [file], env);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain(
      `${file}: ignored vic\\x1b[2jtim0@example.test, victim1@example.test, victim2@example.test and 47 more: ${IGNORED_NONE}; 1950 more recipient block(s) not read\n`,
    );
    expect(r.stdout).toContain('1 report(s): 0 hard, 0 soft bounce(s) counted, 50 ignored');
    expect(r.stdout).toContain('no address started bouncing');
    expect(await h.db.prisma.emailAddressStatus.count({ where: { address: { contains: 'tim' } } })).toBe(0);
    const stored = await h.db.prisma.bounceReport.findMany({ where: { address: { contains: 'tim' } } });
    expect(stored).toHaveLength(50);
    expect(stored.every((s) => s.ignored === IGNORED_NONE && s.outboxId === null)).toBe(true);
  });

  it('a forged VERP tag is ignored', async () => {
    const { mail } = await deliveredTo('forged@customer.test');
    const id = VERP.exec(mail.envelopeFrom)![1];
    const forged = `bounces+${id}.${'0'.repeat(24)}@helpdesk.test`;
    const file = reportFile(dsn({ to: forged, envelope: { 'Delivered-To': forged }, blocks: [{ final: 'forged@customer.test' }] }));
    const s = await ingestReports(h.db.prisma, [file], ingestOptions);
    expect(s).toMatchObject({ reports: 1, hard: 0, ignored: 1, nowBouncing: [] });
    expect(await statusOf('forged@customer.test')).toBeNull();
    expect(await h.db.prisma.bounceReport.findFirst({ where: { address: 'forged@customer.test' } })).toMatchObject({
      ignored: 'its bounce address carries a forged or damaged signature',
    });
  });

  it('a + address that is no tag of ours is no evidence, and no forgery either', async () => {
    const file = reportFile(dsn({ to: 'support+tickets@helpdesk.test', blocks: [{ final: 'plus@customer.test' }] }));
    expect(await ingestReports(h.db.prisma, [file], ingestOptions)).toMatchObject({ reports: 1, ignored: 1 });
    expect(await h.db.prisma.bounceReport.findFirst({ where: { address: 'plus@customer.test' } })).toMatchObject({ ignored: IGNORED_NONE });
  });

  it('a valid tag counts for the address its email went to, not for others the report names', async () => {
    const { mail } = await deliveredTo('mallory@customer.test');
    const file = reportFile(dsn({ to: mail.envelopeFrom, blocks: [{ final: 'ada@staff.test' }, { final: 'bob@staff.test' }] }));
    const s = await ingestReports(h.db.prisma, [file], ingestOptions);
    expect(s).toMatchObject({ reports: 1, hard: 0, ignored: 2, nowBouncing: [] });
    expect(await statusOf('ada@staff.test')).toBeNull();
    expect(await statusOf('bob@staff.test')).toBeNull();
    const stored = await h.db.prisma.bounceReport.findMany({ where: { address: { in: ['ada@staff.test', 'bob@staff.test'] } } });
    expect(stored.map((b) => b.ignored)).toEqual(['the email it returns went to another address', 'the email it returns went to another address']);
  });

  it('the Message-ID of an email sent to that address counts, without a tag; two blocks for it are stored once', async () => {
    const { ticketId } = await deliveredTo('dan@customer.test');
    // The second email's Message-ID is random, not the thread root of the first.
    await h.notifier.client.ticket.update({ where: { id: ticketId }, data: { status: 'open' } });
    await h.notifier.drain();
    const [first, second] = h.mail.to('dan@customer.test');
    expect(second.parsed.messageId).not.toBe(first.parsed.messageId);
    const file = reportFile(
      dsn({
        blocks: [{ final: 'dan@customer.test', action: 'delayed', status: '4.4.1' }, { final: 'DAN@customer.test' }],
        returned: { as: 'message/rfc822', headers: { 'Message-ID': second.parsed.messageId! } },
      }),
    );
    const r = await runScript('bounces-ingest.ts', [file], env);
    expect(r.stdout).toContain(`${file}: hard 5.1.1 dan@customer.test\n`);
    expect(r.stdout).toContain('1 report(s): 1 hard, 0 soft bounce(s) counted, 0 ignored');
    expect(await statusOf('dan@customer.test')).toMatchObject({ bouncing: true, hardBounces: 1, softBounces: 0 });
    expect(await h.db.prisma.bounceReport.count({ where: { address: 'dan@customer.test' } })).toBe(1);
  });

  it('the first email of a thread counts by its Message-ID: the installation key makes it one nobody can work out', async () => {
    const { mail } = await deliveredTo('gil@customer.test');
    const report = reportFile(dsn({ blocks: [{ final: 'gil@customer.test' }], returned: { as: 'text/rfc822-headers', headers: { 'Message-ID': mail.parsed.messageId! } } }));
    expect(await ingestReports(h.db.prisma, [report], ingestOptions)).toMatchObject({ reports: 1, hard: 1, nowBouncing: ['gil@customer.test'] });
  });

  it('a Message-ID anyone can work out (a row queued before roots were keyed), or one of an email to someone else, is ignored', async () => {
    const { ticketId } = await deliveredTo('erin@customer.test');
    const rootOfErin = legacyThreadRootId(ticketId, 'erin@customer.test', 'helpdesk.test');
    const rootOfAda = legacyThreadRootId(ticketId, 'ada@staff.test', 'helpdesk.test');
    // Erin's first email as a row queued by an earlier version carries it.
    const firstRow = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId: String(ticketId), recipientEmail: 'erin@customer.test' }, orderBy: { id: 'asc' } });
    await h.db.prisma.emailOutbox.update({ where: { id: firstRow.id }, data: { messageId: rootOfErin } });
    const guessed = reportFile(dsn({ blocks: [{ final: 'erin@customer.test' }], returned: { as: 'text/rfc822-headers', headers: { 'Message-ID': rootOfErin } } }));
    const elsewhere = reportFile(dsn({ blocks: [{ final: 'bob@staff.test' }], returned: { as: 'text/rfc822-headers', headers: { 'Message-ID': rootOfErin } } }));
    const unknown = reportFile(dsn({ blocks: [{ final: 'ada@staff.test' }], returned: { as: 'text/rfc822-headers', headers: { 'Message-ID': rootOfAda } } }));
    const s = await ingestReports(h.db.prisma, [guessed, elsewhere, unknown], ingestOptions);
    expect(s).toMatchObject({ reports: 3, hard: 0, ignored: 3, nowBouncing: [] });
    for (const address of ['erin@customer.test', 'bob@staff.test', 'ada@staff.test']) expect(await statusOf(address)).toBeNull();
    expect(await h.db.prisma.bounceReport.findFirst({ where: { address: 'erin@customer.test' } })).toMatchObject({
      ignored: expect.stringMatching(/^its only reference is a Message-ID of the old form, made from the ticket and the address alone, which anyone can work out/),
    });
  });

  it('a forgery that copies a real report\'s Message-ID does not stop the real one from counting', async () => {
    const { mail } = await deliveredTo('fay@customer.test');
    const messageId = '<copied-id@mx.relay.test>';
    const forged = reportFile(dsn({ messageId, blocks: [{ final: 'fay@customer.test' }] }));
    const real = reportFile(dsn({ messageId, to: mail.envelopeFrom, blocks: [{ final: 'fay@customer.test' }] }));
    expect(await ingestReports(h.db.prisma, [forged], ingestOptions)).toMatchObject({ reports: 1, ignored: 1 });
    expect(await ingestReports(h.db.prisma, [real], ingestOptions)).toMatchObject({ reports: 1, hard: 1, nowBouncing: ['fay@customer.test'] });
  });

  it('the sample reports of real servers name no email sent from here: recorded as ignored, nothing counted', async () => {
    const r = await runScript('bounces-ingest.ts', [fixtures], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(fixtures, 'not-a-dsn.eml')}: skipped: not a multipart/report message`);
    expect(r.stdout).toContain(`${join(fixtures, 'postfix-hard-5.1.1.eml')}: ignored ${carol}: `);
    expect(r.stdout).toContain('4 report(s): 0 hard, 0 soft bounce(s) counted, 4 ignored (not about an email sent from here); 1 skipped (not a bounce report)');
    for (const address of ['ghost@gone.test', 'dave@full.test', 'erin@slow.test']) expect(await statusOf(address)).toBeNull();
  });
});

describe('bounces:ingest, files', () => {
  it('--move-to never replaces a file: a name taken gets a number', async () => {
    const done = join(dir, 'done');
    mkdirSync(done);
    writeFileSync(join(done, '1.M1.host'), 'kept from before');
    for (const box of ['Maildir-a', 'Maildir-b']) {
      mkdirSync(join(dir, box, 'new'), { recursive: true });
      mkdirSync(join(dir, box, 'cur'));
      writeFileSync(join(dir, box, 'new', '1.M1.host'), `${box}\n${readFileSync(join(fixtures, 'not-a-dsn.eml'), 'utf8')}`);
    }
    const eml = join(dir, 'inbox');
    mkdirSync(eml);
    cpSync(join(fixtures, 'delayed.eml'), join(eml, 'delayed.eml'));
    writeFileSync(join(done, 'delayed.eml'), 'also kept');

    const r = await runScript('bounces-ingest.ts', [join(dir, 'Maildir-a'), join(dir, 'Maildir-b'), eml, '--move-to', done], env);
    expect(r.code).toBe(0);
    expect(readdirSync(done).sort()).toEqual(['1.M1.host', '1.M1.host-2', '1.M1.host-3', 'delayed-2.eml', 'delayed.eml']);
    expect(readFileSync(join(done, '1.M1.host'), 'utf8')).toBe('kept from before');
    expect(readFileSync(join(done, 'delayed.eml'), 'utf8')).toBe('also kept');
    expect(readFileSync(join(done, '1.M1.host-2'), 'utf8')).toMatch(/^Maildir-a\n/);
    expect(readFileSync(join(done, '1.M1.host-3'), 'utf8')).toMatch(/^Maildir-b\n/);
    expect(readFileSync(join(done, 'delayed-2.eml'), 'utf8')).toBe(readFileSync(join(fixtures, 'delayed.eml'), 'utf8'));
    expect(readdirSync(join(dir, 'Maildir-a', 'new'))).toEqual([]);
  });

  it('a file over BOUNCE_REPORT_MAX_BYTES is not read: one warning line, and it stays where it is', async () => {
    const inbox = join(dir, 'big');
    mkdirSync(inbox);
    const big = join(inbox, 'big.eml');
    writeFileSync(big, dsn({ blocks: [{ final: 'carol@customer.test', diagnostic: `smtp; 550 ${'x'.repeat(3000)}` }] }));
    const size = readFileSync(big).length;
    const r = await runScript('bounces-ingest.ts', [inbox, '--move-to', join(dir, 'big-done')], { ...env, BOUNCE_REPORT_MAX_BYTES: '2048' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${big}: ${size} bytes, over BOUNCE_REPORT_MAX_BYTES (2048); not read, left where it is\n`);
    expect(r.stdout).toContain('0 report(s): 0 hard, 0 soft bounce(s) counted, 0 ignored (not about an email sent from here); 0 skipped (not a bounce report); 1 too large');
    expect(existsSync(big)).toBe(true);
  });

  it('a bad path: exit 1 and a line naming it, before anything is read', async () => {
    const missing = join(dir, 'no-such-folder');
    const r = await runScript('bounces-ingest.ts', [join(fixtures, 'delayed.eml'), missing], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`error: ${missing}: no such file or folder`);
  });

  it.each([
    ['BOUNCE_HARD_LIMIT', 'zero', 'BOUNCE_HARD_LIMIT="zero" is not a whole number; expected a number of hard bounces from 1 to 1000'],
    ['BOUNCE_REPORT_MAX_BYTES', '10', 'BOUNCE_REPORT_MAX_BYTES="10" is out of range; expected a size in bytes from 1024 to 104857600'],
  ])('%s: a bad value is a config error naming it', async (name, value, message) => {
    const r = await runScript('bounces-ingest.ts', [fixtures], { ...env, [name]: value });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });
});

describe('BOUNCE_HARD_LIMIT', () => {
  it('an address is bouncing only after that many hard bounces', async () => {
    const bounce = (n: number) => ({
      id: `<limit-${n}@test>`,
      digest: `${n}`.padStart(64, '0'),
      bounces: [{ address: 'twice@limit.test', original: null, kind: 'hard' as const, status: '5.1.1', diagnostic: null, outboxId: n, ignored: null }],
    });
    expect((await recordReport(h.db.prisma, bounce(1), 2)).nowBouncing).toEqual([]);
    expect(await statusOf('twice@limit.test')).toMatchObject({ bouncing: false, hardBounces: 1 });
    expect((await recordReport(h.db.prisma, bounce(2), 2)).nowBouncing).toEqual(['twice@limit.test']);
    expect(await statusOf('twice@limit.test')).toMatchObject({ bouncing: true, hardBounces: 2, lastDiagnostic: '5.1.1' });
  });
});
