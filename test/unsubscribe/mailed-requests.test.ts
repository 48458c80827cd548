import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenOfSubject } from '../../src/unsubscribe/mailed-requests';
import { createHarness, smtpEnv, type Harness } from '../support/notifier-harness';
import { createPeople } from '../support/fixtures';
import { runScript } from '../support/run-script';
import { listUnsubscribe } from './unsubscribe-server';

let h: Harness;
let people: Awaited<ReturnType<typeof createPeople>>;
let dir: string;
beforeAll(async () => {
  h = await createHarness();
  people = await createPeople(h.db.prisma);
  dir = mkdtempSync(join(tmpdir(), 'unsubscribe-mail-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});

/** A request as a mail client writes it from the mailto: link (subject from the link's ?subject=). */
const request = (from: string, subject: string) =>
  [`From: ${from}`, 'To: unsubscribe@helpdesk.test', `Subject: ${subject}`, 'Message-ID: <' + Math.random().toString(36).slice(2) + '@client.test>', '', 'Sent from my phone', ''].join('\r\n');

describe('unsubscribe requests mailed to the mailto: address', () => {
  it('unsubscribe:ingest applies a valid request, refuses a tampered one, and ignores mail without a token', async () => {
    await h.notifier.client.ticket.create({ data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
    await h.notifier.drain();
    const toCarol = h.mail.messages.find((m) => m.envelopeTo.includes('carol@customer.test'))!;
    const subject = decodeURIComponent(new URL(listUnsubscribe(toCarol.raw).mailto).searchParams.get('subject')!);
    const token = tokenOfSubject(subject)!;

    const maildir = join(dir, 'Maildir');
    mkdirSync(join(maildir, 'new'), { recursive: true });
    mkdirSync(join(maildir, 'cur'), { recursive: true });
    // Someone else tries to unsubscribe Carol by editing the token they saw.
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    writeFileSync(join(maildir, 'cur', '1'), request('mallory@evil.test', `unsubscribe ${tampered}`));
    writeFileSync(join(maildir, 'new', '2'), request('someone@customer.test', 'Please stop'));

    const env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port) };
    const first = await runScript('unsubscribe-ingest.ts', [maildir], env);
    expect(first.stdout).toContain('0 unsubscribed; 1 refused (tampered or expired link); 1 without a token');
    expect(await h.db.prisma.notificationPreference.count()).toBe(0);

    // Carol's own request, forwarded from another address and prefixed by her client: the token decides.
    writeFileSync(join(maildir, 'new', '3'), request('carol.private@home.test', `Re: ${subject}`));
    const second = await runScript('unsubscribe-ingest.ts', [maildir, '--quiet'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('1 unsubscribed; 1 refused');
    const prefs = await h.db.prisma.notificationPreference.findMany({ select: { customerId: true, event: true, enabled: true, source: true } });
    expect(prefs).toEqual([{ customerId: String(people.carol.id), event: 'ticket_created', enabled: false, source: 'unsubscribe' }]);
  });

  it('a path that is not there is named in the error', async () => {
    const r = await runScript('unsubscribe-ingest.ts', [join(dir, 'nope')], { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'nope')}: no such file or folder`);
  });

  it.each([
    ['unsubscribe abc.DEF-_~1', 'abc.DEF-_~1'],
    ['Re: UNSUBSCRIBE abc.def', 'abc.def'],
    ['unsubscribe', null],
    ['Please stop', null],
    [undefined, null],
  ])('the token in the subject %p is %p', (subject, token) => {
    expect(tokenOfSubject(subject)).toBe(token);
  });
});
