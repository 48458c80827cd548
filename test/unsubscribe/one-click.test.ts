import { runAs } from '../../src';
import { signUnsubscribeToken } from '../../src/unsubscribe';
import { TEST_SECRET_KEY, type Harness } from '../support/notifier-harness';
import { exitOf, startScript } from '../support/run-script';
import { waitFor, withHarness, type People } from '../support/with-harness';
import { listUnsubscribe, startUnsubscribeServer, type Running } from './unsubscribe-server';

let h: Harness;
let people: People;
let app: Running;
withHarness((harness, cast) => ((h = harness), (people = cast)));
beforeAll(async () => {
  app = await startUnsubscribeServer(h);
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.notifier.drain();
  h.mail.clear();
  await h.db.prisma.notificationPreference.deleteMany();
  await h.db.prisma.skippedNotification.deleteMany();
});

const db = () => app.notifier.client;
const oneClick = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
const preferences = () => h.db.prisma.notificationPreference.findMany({ select: { userId: true, customerId: true, event: true, enabled: true, source: true } });

async function mailTo(address: string) {
  await app.notifier.drain();
  const found = h.mail.messages.filter((m) => m.envelopeTo.includes(address));
  return found;
}

const newTicket = () =>
  runAs({ kind: 'user', id: people.cyd.id }, () =>
    db().ticket.create({ data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } }),
  );

describe('one-click unsubscribe over HTTP', () => {
  it('a POST to the email’s List-Unsubscribe URL stops that kind of email; the next one is skipped and recorded', async () => {
    await newTicket();
    const [toCarol] = await mailTo('carol@customer.test');
    const { url, mailto } = listUnsubscribe(toCarol.raw);
    expect(url).toMatch(new RegExp(`^${app.baseUrl}/unsubscribe\\?token=[\\w-]+\\.[\\w-]+$`));
    expect(mailto).toMatch(/^mailto:unsubscribe@helpdesk\.test\?subject=unsubscribe%20[\w-]+\.[\w-]+$/);
    expect(toCarol.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    // The same link is in the footer, in both parts.
    expect(toCarol.parsed.html).toContain(`href="${url}"`);
    expect(toCarol.parsed.text).toContain(url);
    // Each recipient has their own link.
    const [toAda] = await mailTo('ada@staff.test');
    expect(listUnsubscribe(toAda.raw).url).not.toBe(url);

    const res = await oneClick(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You will no longer get emails about new tickets at c***@customer.test.');
    expect(await preferences()).toEqual([{ userId: null, customerId: String(people.carol.id), event: 'ticket_created', enabled: false, source: 'unsubscribe' }]);
    // A provider that posts twice changes nothing more.
    expect((await oneClick(url)).status).toBe(200);
    expect(await preferences()).toHaveLength(1);

    h.mail.clear();
    const second = await newTicket();
    expect(await mailTo('carol@customer.test')).toHaveLength(0);
    expect(await mailTo('ada@staff.test')).toHaveLength(1);
    expect(await h.db.prisma.skippedNotification.findMany({ select: { event: true, ticketId: true, recipientKind: true, recipientId: true, reason: true } })).toEqual([
      { event: 'ticket_created', ticketId: String(second.id), recipientKind: 'customer', recipientId: String(people.carol.id), reason: 'opted_out' },
    ]);
    // Other kinds of email still reach her.
    h.mail.clear();
    await runAs({ kind: 'user', id: people.ada.id }, () => db().ticket.update({ where: { id: second.id }, data: { status: 'open' } }));
    expect(await mailTo('carol@customer.test')).toHaveLength(1);
  });

  it('a resolved email (which a customer cannot turn off alone) offers "all", and that stops everything', async () => {
    const t = await newTicket();
    await app.notifier.drain();
    h.mail.clear();
    await runAs({ kind: 'user', id: people.ada.id }, () => db().ticket.update({ where: { id: t.id }, data: { status: 'resolved' } }));
    const [resolved] = await mailTo('carol@customer.test');
    expect((await oneClick(listUnsubscribe(resolved.raw).url)).status).toBe(200);
    expect(await preferences()).toEqual([{ userId: null, customerId: String(people.carol.id), event: 'all', enabled: false, source: 'unsubscribe' }]);

    h.mail.clear();
    await runAs({ kind: 'user', id: people.ada.id }, () => db().ticket.update({ where: { id: t.id }, data: { status: 'closed' } }));
    expect(await mailTo('carol@customer.test')).toHaveLength(0);
    expect(await h.db.prisma.skippedNotification.findMany({ select: { event: true, reason: true } })).toEqual([{ event: 'ticket_closed', reason: 'unsubscribed' }]);
  });

  it('GET only shows what would stop: link scanners change nothing', async () => {
    const token = signUnsubscribeToken({ kind: 'user', id: String(people.ada.id), scope: 'comment_added' }, TEST_SECRET_KEY, new Date(Date.now() + 86400_000));
    const res = await fetch(`${app.baseUrl}/unsubscribe?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('Stop emails about new comments to a***@staff.test?');
    expect(html).toContain(`<form method="post" action="?token=${token}">`);
    expect(html).toContain('Unsubscribe from all emails');
    expect(await preferences()).toEqual([]);
  });

  it('tampered, expired, other-key and missing tokens get 400 and change nothing', async () => {
    const future = new Date(Date.now() + 86400_000);
    const good = signUnsubscribeToken({ kind: 'customer', id: String(people.carol.id), scope: 'all' }, TEST_SECRET_KEY, future);
    const other = signUnsubscribeToken({ kind: 'customer', id: String(people.carol.id + 1), scope: 'all' }, TEST_SECRET_KEY, future);
    const cases: [string, RegExp][] = [
      [`${other.split('.')[0]}.${good.split('.')[1]}`, /incomplete or has been changed/],
      [good.slice(0, -2), /incomplete or has been changed/],
      [signUnsubscribeToken({ kind: 'customer', id: String(people.carol.id), scope: 'all' }, TEST_SECRET_KEY, new Date(Date.now() - 1000)), /has expired/],
      [signUnsubscribeToken({ kind: 'customer', id: String(people.carol.id), scope: 'all' }, 'another-key-'.repeat(4), future), /incomplete or has been changed/],
      ['', /incomplete or has been changed/],
    ];
    for (const [token, text] of cases) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${app.baseUrl}/unsubscribe?token=${encodeURIComponent(token)}`, { method, body: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined });
        expect([token, method, res.status]).toEqual([token, method, 400]);
        expect(await res.text()).toMatch(text);
      }
    }
    expect((await fetch(`${app.baseUrl}/unsubscribe`, { method: 'POST' })).status).toBe(400);
    expect(await preferences()).toEqual([]);
  });

  it('answers /healthz, 404 elsewhere, 405 for other methods', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    expect((await fetch(`${app.baseUrl}/`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/unsubscribe/extra`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/unsubscribe?token=x`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('npm run serve', () => {
  it('listens on --port, answers, and exits 0 on SIGTERM', async () => {
    const child = startScript('serve.ts', ['--port', '0', '--host', '127.0.0.1'], { DATABASE_URL: h.db.url, SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'info' });
    try {
      await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(child.output()), 30_000);
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(child.output())![1];
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const token = signUnsubscribeToken({ kind: 'customer', id: String(people.carol.id), scope: 'ticket_updated' }, TEST_SECRET_KEY, new Date(Date.now() + 86400_000));
      expect((await fetch(`http://127.0.0.1:${port}/unsubscribe?token=${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
      expect(await preferences()).toEqual([{ userId: null, customerId: String(people.carol.id), event: 'ticket_updated', enabled: false, source: 'unsubscribe' }]);
      child.kill('SIGTERM');
      expect(await exitOf(child)).toEqual({ code: 0, signal: null });
      expect(child.output()).toContain('serve stopping');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a bad port with a clear error', async () => {
    const child = startScript('serve.ts', ['--port', 'abc'], { DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' });
    expect((await exitOf(child)).code).not.toBe(0);
    expect(child.output()).toContain('expected a port number');
  });
});
