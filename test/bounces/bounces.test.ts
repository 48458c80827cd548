import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bouncingReason, bouncingReasons, ingestReports } from '../../src/bounces';
import { createPeople } from '../support/fixtures';
import { createHarness, smtpEnv, type Harness } from '../support/notifier-harness';
import { runScript } from '../support/run-script';

const fixtures = join(__dirname, 'fixtures');
let h: Harness;
let people: Awaited<ReturnType<typeof createPeople>>;
let env: Record<string, string>;

beforeAll(async () => {
  h = await createHarness();
  people = await createPeople(h.db.prisma);
  env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port) };
});
afterAll(() => h.close());

const carol = 'carol@customer.test';
const statusOf = (address: string) => h.db.prisma.emailAddressStatus.findUnique({ where: { address } });

describe('bounces, from report to no mail and back', () => {
  let ticketId: number;

  it('bounces:ingest reads a folder of reports: hard and soft bounces counted, the rest skipped', async () => {
    // Queued before the bounce arrives, sent after it: delivery must catch it.
    const t = await h.notifier.client.ticket.create({
      data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
    });
    ticketId = t.id;
    expect(await h.db.prisma.emailOutbox.count({ where: { ticketId, status: 'pending' } })).toBe(2);

    const r = await runScript('bounces-ingest.ts', [fixtures], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(fixtures, 'not-a-dsn.eml')}: skipped: not a multipart/report message`);
    expect(r.stdout).toContain(`${join(fixtures, 'postfix-hard-5.1.1.eml')}: hard 5.1.1 ${carol}`);
    expect(r.stdout).toContain('4 report(s): 2 hard, 2 soft bounce(s); 1 skipped (not a bounce report); 0 already recorded');
    expect(r.stdout).toContain('now bouncing: ghost@gone.test, carol@customer.test');

    expect(await statusOf(carol)).toMatchObject({ bouncing: true, hardBounces: 1, softBounces: 0, lastDiagnostic: expect.stringContaining('5.1.1') });
    expect(await statusOf('dave@full.test')).toMatchObject({ bouncing: false, hardBounces: 0, softBounces: 1 });
    expect(await statusOf('erin@slow.test')).toMatchObject({ bouncing: false, softBounces: 1 });
    expect(await h.db.prisma.bounceReport.count()).toBe(4);
  });

  it('a row queued before the bounce is not sent: failed, with the reason', async () => {
    const result = await h.notifier.drain();
    expect(result).toMatchObject({ sent: 1, failed: 1 });
    expect(h.mail.to(carol)).toHaveLength(0);
    expect(h.mail.to('ada@staff.test')).toHaveLength(1);
    const row = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId, recipientEmail: carol } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/^address is bouncing \(1 hard bounce; last: smtp; 550 5\.1\.1/);
  });

  it('a batch sender looks up all its addresses at once, whatever their case, with the same reasons', async () => {
    const reasons = await bouncingReasons(h.db.prisma, ['Carol@Customer.TEST', carol, 'ada@staff.test', 'dave@full.test']);
    expect([...reasons.keys()]).toEqual([carol]);
    expect(reasons.get(carol)).toBe(await bouncingReason(h.db.prisma, 'CAROL@customer.test'));
    expect(await bouncingReason(h.db.prisma, 'dave@full.test')).toBeNull();
    expect(await bouncingReasons(h.db.prisma, [])).toEqual(new Map());
  });

  it('a write while bouncing sends the customer nothing, and records why', async () => {
    h.mail.clear();
    await h.notifier.client.ticket.update({ where: { id: ticketId }, data: { status: 'in_progress' } });
    await h.notifier.drain();
    expect(h.mail.messages.map((m) => m.envelopeTo)).toEqual([['ada@staff.test']]);
    expect(await h.db.prisma.skippedNotification.findMany({ where: { recipientEmail: carol } })).toEqual([
      expect.objectContaining({ reason: 'bouncing', event: 'status_changed', ticketId, recipientKind: 'customer', recipientId: people.carol.id }),
    ]);
  });

  it('reading the same reports again changes nothing', async () => {
    const before = await h.db.prisma.emailAddressStatus.findMany({ orderBy: { address: 'asc' } });
    const again = await ingestReports(h.db.prisma, [fixtures, join(fixtures, 'postfix-hard-5.1.1.eml')], { hardLimit: 1 });
    expect(again).toEqual({ reports: 0, hard: 0, soft: 0, skipped: 1, duplicates: 5, nowBouncing: [] });
    expect(await h.db.prisma.emailAddressStatus.findMany({ orderBy: { address: 'asc' } })).toEqual(before);
    expect(await h.db.prisma.bounceReport.count()).toBe(4);
  });

  it('bounces:list shows the bouncing addresses', async () => {
    const r = await runScript('bounces-list.ts', [], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0]).sort()).toEqual([carol, 'ghost@gone.test']);
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
    expect(h.mail.to(carol).map((m) => m.parsed.subject)).toContain(`[#${ticketId}] New ticket: Printer on fire`);
  });
});

describe('bounces:ingest, paths', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'bounces-ingest-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a Maildir and moves what it read with --move-to', async () => {
    mkdirSync(join(dir, 'Maildir', 'new'), { recursive: true });
    mkdirSync(join(dir, 'Maildir', 'cur'));
    cpSync(join(fixtures, 'mailbox-full-4.2.2.eml'), join(dir, 'Maildir', 'new', '1.M1.host'));
    cpSync(join(fixtures, 'not-a-dsn.eml'), join(dir, 'Maildir', 'cur', '2.M2.host:2,S'));
    const s = await ingestReports(h.db.prisma, [join(dir, 'Maildir')], { hardLimit: 1, moveTo: join(dir, 'done') });
    expect(s).toMatchObject({ reports: 0, duplicates: 1, skipped: 1 });
    expect(readdirSync(join(dir, 'done')).sort()).toEqual(['1.M1.host', '2.M2.host:2,S']);
    expect(readdirSync(join(dir, 'Maildir', 'new'))).toEqual([]);
  });

  it('a bad path: exit 1 and a line naming it, before anything is read', async () => {
    const missing = join(dir, 'no-such-folder');
    const r = await runScript('bounces-ingest.ts', [join(fixtures, 'delayed.eml'), missing], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`error: ${missing}: no such file or folder`);
  });

  it('BOUNCE_HARD_LIMIT: a bad value is a config error naming it', async () => {
    const r = await runScript('bounces-ingest.ts', [fixtures], { ...env, BOUNCE_HARD_LIMIT: 'zero' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BOUNCE_HARD_LIMIT="zero" is not a whole number; expected a number of hard bounces from 1 to 1000');
  });
});

describe('BOUNCE_HARD_LIMIT', () => {
  it('an address is bouncing only after that many hard bounces', async () => {
    const bounce = (n: number) => ({ id: `<limit-${n}@test>`, bounces: [{ address: 'twice@limit.test', kind: 'hard' as const, status: '5.1.1', diagnostic: null }] });
    const { recordReport } = await import('../../src/bounces');
    expect((await recordReport(h.db.prisma, bounce(1), 2)).nowBouncing).toEqual([]);
    expect(await statusOf('twice@limit.test')).toMatchObject({ bouncing: false, hardBounces: 1 });
    expect((await recordReport(h.db.prisma, bounce(2), 2)).nowBouncing).toEqual(['twice@limit.test']);
    expect(await statusOf('twice@limit.test')).toMatchObject({ bouncing: true, hardBounces: 2, lastDiagnostic: '5.1.1' });
  });
});
