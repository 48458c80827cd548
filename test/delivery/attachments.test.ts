import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTicketNotifier, runAs, type TicketNotifier } from '../../src';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createPeople } from '../support/fixtures';
import { createHarness, SITE_URL, smtpEnv, type Harness } from '../support/notifier-harness';

let h: Harness;
let people: Awaited<ReturnType<typeof createPeople>>;
// `dir` stands for the app's data folder: the attachment root is one folder in it, and beside the root lie
// files no customer may get (a .env, the database), as data/helpdesk.db lies beside data/attachments.
let dir: string;
let root: string;
const ownNotifiers: TicketNotifier[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attachments-'));
  root = join(dir, 'attachments');
  mkdirSync(root);
  h = await createHarness({ EMAIL_ATTACHMENT_ROOT: root });
  people = await createPeople(h.db.prisma);
});
afterAll(async () => {
  for (const n of ownNotifiers) await n.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => h.mail.clear());

const carol = 'carol@customer.test';
const file = (name: string, bytes: number, folder = root) => {
  const path = join(folder, name);
  const content = randomBytes(bytes);
  writeFileSync(path, content);
  return { path, content };
};

async function newTicket() {
  return h.db.prisma.ticket.create({
    data: { subject: 'Printer on fire', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.bob.id },
  });
}

/** A public comment by Ada with these files, through the notifying client; returns the customer's email. */
async function commentWith(files: { filename: string; path?: string; url?: string; size?: number; contentType?: string }[], notifier = h.notifier) {
  const t = await newTicket();
  await notifier.client.ticketComment.create({
    data: { ticketId: t.id, authorId: people.ada.id, content: 'See the files.', attachments: { create: files } },
  });
  await notifier.drain();
  const [mail] = h.mail.to(carol);
  expect(mail).toBeDefined();
  return { t, mail, comment: await h.db.prisma.ticketComment.findFirstOrThrow({ where: { ticketId: t.id }, include: { attachments: { orderBy: { id: 'asc' } } } }) };
}

describe('attachments', () => {
  it('a small file is attached with its bytes, name and type, and the email says so', async () => {
    const small = file('error-log.txt', 2048);
    const { mail } = await commentWith([{ filename: 'error-log.txt', path: small.path, contentType: 'text/plain' }]);
    expect(mail.parsed.attachments).toHaveLength(1);
    const [a] = mail.parsed.attachments;
    expect(a.filename).toBe('error-log.txt');
    expect(a.contentType).toBe('text/plain');
    expect(Buffer.compare(a.content, small.content)).toBe(0);
    expect(mail.parsed.text).toContain('error-log.txt (2 KB) – attached');
    // The assignee's email carries it too.
    expect(h.mail.to('bob@staff.test')[0].parsed.attachments.map((x) => x.filename)).toEqual(['error-log.txt']);
  });

  it('a file over EMAIL_ATTACHMENT_MAX_BYTES is linked, not attached, as is one past the total', async () => {
    const notifier = h.makeNotifier({ EMAIL_ATTACHMENT_MAX_BYTES: '3000', EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES: '5000' });
    const a = file('a.bin', 2000);
    const big = file('big.bin', 4000);
    const b = file('b.bin', 2000);
    const c = file('c.bin', 2000);
    const { t, mail, comment } = await commentWith(
      [
        { filename: 'a.bin', path: a.path },
        { filename: 'big.bin', path: big.path },
        { filename: 'b.bin', path: b.path },
        { filename: 'c.bin', path: c.path, url: 'https://files.example.test/c.bin' },
      ],
      notifier,
    );
    expect(mail.parsed.attachments.map((x) => [x.filename, x.size])).toEqual([
      ['a.bin', 2000],
      ['b.bin', 2000],
    ]);
    const [, bigRow] = comment.attachments;
    expect(mail.parsed.html).toContain(`href="${SITE_URL}/tickets/${t.id}/attachments/${bigRow.id}"`);
    expect(mail.parsed.html).toContain('href="https://files.example.test/c.bin"');
    expect(mail.parsed.text).toContain(`big.bin ${SITE_URL}/tickets/${t.id}/attachments/${bigRow.id} (3.9 KB)`);
  });

  it('a file known by URL is linked', async () => {
    const { mail } = await commentWith([{ filename: 'manual.pdf', url: 'https://files.example.test/manual.pdf', size: 1_500_000, contentType: 'application/pdf' }]);
    expect(mail.parsed.attachments).toHaveLength(0);
    expect(mail.parsed.html).toContain('href="https://files.example.test/manual.pdf"');
    expect(mail.parsed.text).toContain('manual.pdf https://files.example.test/manual.pdf (1.4 MB)');
  });

  it('a missing file: the email is still sent, and lists it as unavailable', async () => {
    const { t, mail } = await commentWith([{ filename: 'gone.png', path: join(root, 'gone.png'), size: 999 }]);
    expect(mail.parsed.attachments).toHaveLength(0);
    expect(mail.parsed.text).toContain('gone.png (999 bytes) – unavailable');
    expect(await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) }, select: { status: true } })).toEqual([{ status: 'sent' }, { status: 'sent' }]);
  });

  it('German recipients read the same list in German', async () => {
    await h.db.prisma.customer.update({ where: { id: people.carol.id }, data: { locale: 'de' } });
    try {
      const small = file('protokoll.txt', 1536);
      const { mail } = await commentWith([{ filename: 'protokoll.txt', path: small.path }]);
      expect(mail.parsed.text).toContain('Dateien:');
      expect(mail.parsed.text).toContain('protokoll.txt (1,5 KB) – angehängt');
    } finally {
      await h.db.prisma.customer.update({ where: { id: people.carol.id }, data: { locale: null } });
    }
  });

  it('comments nested in a ticket write carry their files too', async () => {
    const log = file('nested.txt', 100);
    const t = await runAs(people.cyd, () =>
      h.notifier.client.ticket.create({
        data: {
          subject: 'Scanner jams',
          customerId: people.carol.id,
          createdById: people.cyd.id,
          comments: { create: [{ authorId: people.cyd.id, content: 'Photo attached.', attachments: { create: [{ filename: 'nested.txt', path: log.path }] } }] },
        },
      }),
    );
    await h.notifier.drain();
    const [mail] = h.mail.to(carol);
    expect(mail.parsed.subject).toContain(`[#${t.id}]`);
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['nested.txt']);
    const row = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId: String(t.id), recipientEmail: carol } });
    expect((row.payload as any).comments[0].attachments).toEqual([expect.objectContaining({ filename: 'nested.txt', path: log.path })]);
  });

  it("an internal note's files never reach the customer, in the same write as a public reply", async () => {
    const secret = file('internal-notes.txt', 300);
    const shared = file('for-customer.txt', 300);
    const t = await newTicket();
    // One write with both comments: the customer's email is built from the public one alone.
    await runAs(people.ada, () =>
      h.notifier.client.ticket.update({
        where: { id: t.id },
        data: {
          comments: {
            create: [
              { authorId: people.ada.id, content: 'Customer is difficult.', isInternal: true, attachments: { create: [{ filename: 'internal-notes.txt', path: secret.path }] } },
              { authorId: people.ada.id, content: 'Here is the fix.', attachments: { create: [{ filename: 'for-customer.txt', path: shared.path }] } },
            ],
          },
        },
      }),
    );
    await h.notifier.drain();
    const [mail] = h.mail.to(carol);
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['for-customer.txt']);
    expect(mail.raw).not.toContain('internal-notes');
    expect(mail.raw).not.toContain(secret.content.toString('base64').slice(0, 40));
    const row = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId: String(t.id), recipientEmail: carol } });
    expect(JSON.stringify(row.payload)).not.toContain('internal-notes');
    // The assignee gets one email with both.
    expect(h.mail.to('bob@staff.test')).toHaveLength(1);
    expect(h.mail.to('bob@staff.test')[0].parsed.attachments.map((a) => a.filename).sort()).toEqual(['for-customer.txt', 'internal-notes.txt']);
  });
});

/** A notifier whose warnings are kept, for checking what a refused file logs. */
function notifierWithLog(extra: Record<string, string> = {}) {
  const warnings: Record<string, unknown>[] = [];
  const config = loadConfig({ DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port, { EMAIL_ATTACHMENT_ROOT: root, ...extra }) });
  const notifier = createTicketNotifier({ prisma: h.db.prisma, config, logger: createLogger('warn', { write: (line: string) => void warnings.push(JSON.parse(line)) }) });
  ownNotifiers.push(notifier);
  return { notifier, warnings };
}

describe('files are read only from inside EMAIL_ATTACHMENT_ROOT', () => {
  const secret = `SECRET_KEY=${randomBytes(16).toString('hex')}`;
  beforeAll(() => {
    writeFileSync(join(dir, '.env'), `EMAIL_HOST_PASSWORD=hunter2\n${secret}\n`);
    writeFileSync(join(dir, 'helpdesk.db'), `SQLite format 3\u0000${secret}`);
  });

  /**
   * Sends a comment whose one file has this stored path and checks what a refused file must give: the
   * email still goes, carries no file, says "unavailable", and a warning names the ticket and the reason.
   */
  async function expectRefused(path: string, reason: RegExp, extra: Record<string, string> = {}) {
    h.mail.clear();
    const { notifier, warnings } = notifierWithLog(extra);
    const { t, mail } = await commentWith([{ filename: 'notes.txt', path, size: 10 }], notifier);
    expect(mail.parsed.attachments).toHaveLength(0);
    expect(mail.parsed.text).toContain('notes.txt (10 bytes) – unavailable');
    expect(mail.raw).not.toContain(secret);
    expect(mail.raw).not.toContain(Buffer.from(secret).toString('base64').slice(0, 20));
    expect(h.mail.to('bob@staff.test')[0].parsed.attachments).toHaveLength(0);
    expect(await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) }, select: { status: true } })).toEqual([{ status: 'sent' }, { status: 'sent' }]);
    const refused = warnings.filter((w) => w.path === path);
    expect(refused.length).toBeGreaterThan(0);
    for (const w of refused) expect(w).toMatchObject({ level: 40, ticketId: String(t.id), reason: expect.stringMatching(reason), msg: expect.stringContaining('refused') });
  }

  it('a relative path is taken from the root, not from the working directory', async () => {
    mkdirSync(join(root, 'reports'), { recursive: true });
    const log = file('error-log.txt', 700, join(root, 'reports'));
    const { mail } = await commentWith([{ filename: 'error-log.txt', path: 'reports/error-log.txt' }]);
    expect(mail.parsed.attachments.map((a) => [a.filename, Buffer.compare(a.content, log.content)])).toEqual([['error-log.txt', 0]]);
  });

  it('/etc/passwd is refused', () => expectRefused('/etc/passwd', /outside the attachment root/));

  it('../.env is refused', () => expectRefused('../.env', /outside the attachment root/));

  it('the database file beside the root is refused, by relative or absolute path', async () => {
    await expectRefused('../helpdesk.db', /outside the attachment root/);
    await expectRefused(join(dir, 'helpdesk.db'), /outside the attachment root/);
    if (h.db.provider === 'sqlite') await expectRefused(h.db.url.slice('file:'.length), /outside the attachment root/);
  });

  it('a path that climbs out and back in through .. is read only if it ends inside', async () => {
    const inside = file('round-trip.txt', 50);
    const { mail } = await commentWith([{ filename: 'round-trip.txt', path: '../attachments/./round-trip.txt' }]);
    expect(Buffer.compare(mail.parsed.attachments[0].content, inside.content)).toBe(0);
    await expectRefused('reports/../../.env', /outside the attachment root/);
  });

  it('/proc/self/environ is refused even with EMAIL_ATTACHMENT_MAX_BYTES=1', () =>
    expectRefused('/proc/self/environ', /outside the attachment root/, { EMAIL_ATTACHMENT_MAX_BYTES: '1' }));

  it('a link inside the root that points outside it is refused', async () => {
    symlinkSync(join(dir, '.env'), join(root, 'innocent.txt'));
    symlinkSync(dir, join(root, 'uploads-link'));
    await expectRefused('innocent.txt', /outside the attachment root/);
    await expectRefused('uploads-link/.env', /outside the attachment root/);
  });

  it('a link inside the root to a file inside it is followed', async () => {
    const real = file('real.txt', 64);
    symlinkSync(real.path, join(root, 'alias.txt'));
    const { mail } = await commentWith([{ filename: 'alias.txt', path: 'alias.txt' }]);
    expect(Buffer.compare(mail.parsed.attachments[0].content, real.content)).toBe(0);
  });

  it('a FIFO, a directory and a device are refused, and the sender does not hang on the FIFO', async () => {
    execFileSync('mkfifo', [join(root, 'pipe')]);
    symlinkSync('/dev/zero', join(root, 'zeros'));
    await expectRefused('pipe', /not a regular file/);
    await expectRefused('reports', /not a regular file/);
    // A device can only be made inside the root by root; a link to one leads outside it.
    await expectRefused('zeros', /outside the attachment root/);
  });

  it('a stored path with a NUL byte is refused with a warning', async () => {
    // PostgreSQL refuses to store a NUL byte, so such a path never reaches the sender there.
    if (h.db.provider === 'sqlite') await expectRefused('notes\u0000.txt', /cannot be resolved/);
  });

  const onLinux = existsSync('/proc/self/environ') ? it : it.skip;
  onLinux('a file whose size is reported as 0 but has more bytes than the limit is not attached', async () => {
    // Here the root is /proc/self itself, so the root check passes and only the bounded read stands in the way.
    const { notifier } = notifierWithLog({ EMAIL_ATTACHMENT_ROOT: '/proc/self', EMAIL_ATTACHMENT_MAX_BYTES: '1' });
    const { mail } = await commentWith([{ filename: 'environ', path: 'environ' }], notifier);
    expect(mail.parsed.attachments).toHaveLength(0);
    // Linked to the ticket's attachment page, as any file over the limit is.
    expect(mail.parsed.text).toMatch(/environ https:\/\/helpdesk\.test\/tickets\/\d+\/attachments\/\d+ /);
  });

  it('with no root folder on disk, files are unavailable and the email still goes', () =>
    expectRefused('notes.txt', /attachment root .* cannot be read/, { EMAIL_ATTACHMENT_ROOT: join(dir, 'no-such-folder') }));
});
