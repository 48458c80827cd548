import type { Harness } from '../support/notifier-harness';
import { smtpEnv, TEST_SECRET_KEY } from '../support/notifier-harness';
import { verifyUnsubscribeToken } from '../../src/unsubscribe';
import { listUnsubscribe } from '../unsubscribe/unsubscribe-server';
import { runAs } from '../../src';
import { runScript } from '../support/run-script';
import { withHarness, type People } from '../support/with-harness';

// End to end: writes, held rows, notify:digest as a child process, and the digest through real SMTP.
let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });

describe('the daily digest, end to end', () => {
  let first: number;
  let second: number;

  beforeAll(async () => {
    await h.db.prisma.user.update({ where: { id: people.ada.id }, data: { emailDigest: true } });
    const db = h.notifier.client;
    // Two tickets assigned to ada (digest), created by cyd (emails at once), for carol (a customer).
    const a = await db.ticket.create({ data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
    const b = await db.ticket.create({ data: { subject: 'VPN drops hourly', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
    [first, second] = [a.id, b.id];
    await db.ticketComment.create({ data: { ticketId: a.id, authorId: people.bob.id, content: 'Secret: the fuser\nis done for.', isInternal: true } });
    await db.ticketComment.create({ data: { ticketId: a.id, authorId: people.bob.id, content: 'We are on it.', isInternal: false } });
    await runAs({ kind: 'user', id: people.bob.id }, () => db.ticket.update({ where: { id: b.id }, data: { status: 'in_progress' } }));
    await h.notifier.drain();
  });

  it('the digest user gets nothing at write time; the others get their emails at once', async () => {
    expect(h.mail.to('ada@staff.test')).toEqual([]);
    expect(await h.db.prisma.emailOutbox.count({ where: { status: 'held', recipientEmail: 'ada@staff.test' } })).toBe(5);
    // carol: 2 created, 1 public comment, 1 status change. cyd, the creator, has no digest: the internal note at once.
    expect(h.mail.to('carol@customer.test')).toHaveLength(4);
    expect(h.mail.to('cyd@staff.test').map((m) => m.parsed.subject)).toEqual([`[#${first}] Internal note: Printer on fire`]);
  });

  it('notify:digest queues one digest; it arrives with both tickets and every event, outside any ticket thread', async () => {
    h.mail.clear();
    const env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port) };
    const r = await runScript('notify-digest.ts', ['--list'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('queued: ada@staff.test: 5 update(s) on 2 ticket(s)');
    expect(r.stdout).toMatch(/^1 digest\(s\) queued on \d{4}-\d{2}-\d{2}$/m);
    await h.notifier.drain();

    expect(h.mail.messages).toHaveLength(1);
    const [mail] = h.mail.to('ada@staff.test');
    expect(mail.parsed.subject).toBe('[Helpdesk] Your daily summary: 5 updates on 2 tickets');
    expect(mail.parsed.headers.get('in-reply-to')).toBeUndefined();
    expect(mail.parsed.headers.get('x-ticket-event')).toBe('daily_digest');
    const text = mail.parsed.text!;
    expect(text).toContain(`Ticket #${first}: Printer on fire`);
    expect(text).toContain(`Ticket #${second}: VPN drops hourly`);
    expect(text).toContain('Hello Ada Agent');
    // Staff may see internal notes; the digest shows what the held emails showed.
    expect(text).toContain('Internal note by Bob Builder');
    expect(text).toContain('Secret: the fuser is done for.');
    expect(text).toContain('We are on it.');
    expect(text).toContain('Status changed, by Bob Builder');
    expect(text).toMatch(/Status: Open → In progress|Status: New → In progress/);
    expect(mail.parsed.html).toContain(`https://helpdesk.test/tickets/${first}`);
    // Its unsubscribe link (header and footer) is Ada's, and stops every email: a digest gathers all kinds.
    const link = listUnsubscribe(mail.raw).url;
    expect(mail.parsed.html).toContain(link.replace(/&/g, '&amp;'));
    const verified = verifyUnsubscribeToken(new URL(link).searchParams.get('token')!, TEST_SECRET_KEY, new Date());
    expect(verified).toMatchObject({ ok: true, claim: { kind: 'user', id: String(people.ada.id), scope: 'all' } });
    // Five rows, one digest.
    const rows = await h.db.prisma.emailOutbox.findMany({ where: { recipientEmail: 'ada@staff.test' } });
    expect(rows.filter((x) => x.status === 'digested')).toHaveLength(5);
    expect(rows.filter((x) => x.event === 'daily_digest').map((x) => x.status)).toEqual(['sent']);
  });

  it('a second run sends nothing', async () => {
    h.mail.clear();
    expect((await h.notifier.sendDigests()).queued).toEqual([]);
    await h.notifier.drain();
    expect(h.mail.messages).toEqual([]);
  });

  it('a customer never gets a digest, and never an internal note', async () => {
    expect(await h.db.prisma.emailOutbox.count({ where: { recipientKind: 'customer', status: { in: ['held', 'digested'] } } })).toBe(0);
    expect(await h.db.prisma.emailOutbox.count({ where: { event: 'daily_digest', recipientKind: 'customer' } })).toBe(0);
    const customerRows = await h.db.prisma.emailOutbox.findMany({ where: { recipientEmail: 'carol@customer.test' } });
    expect(JSON.stringify(customerRows.map((r) => r.payload))).not.toContain('Secret');
  });

  it('in German for a staff member whose language is German', async () => {
    await h.db.prisma.user.update({ where: { id: people.ada.id }, data: { locale: 'de' } });
    await h.notifier.client.ticketComment.create({ data: { ticketId: second, authorId: people.bob.id, content: 'Neuer Router bestellt.', isInternal: false } });
    h.mail.clear();
    expect((await h.notifier.sendDigests()).queued).toHaveLength(1);
    await h.notifier.drain();
    const [mail] = h.mail.to('ada@staff.test');
    expect(mail.parsed.subject).toBe('[Helpdesk] Ihre tägliche Zusammenfassung: 1 Neuigkeit zu 1 Ticket');
    expect(mail.parsed.text).toContain('Hallo Ada Agent');
  });
});
