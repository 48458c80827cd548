import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAs } from '../../src';
import { createPeople } from '../support/fixtures';
import { createHarness, SITE_URL, type Harness } from '../support/notifier-harness';

let h: Harness;
let people: Awaited<ReturnType<typeof createPeople>>;
let dir: string;

beforeAll(async () => {
  h = await createHarness();
  people = await createPeople(h.db.prisma);
  dir = mkdtempSync(join(tmpdir(), 'attachments-'));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => h.mail.clear());

const carol = 'carol@customer.test';
const file = (name: string, bytes: number) => {
  const path = join(dir, name);
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
    const { t, mail } = await commentWith([{ filename: 'gone.png', path: join(dir, 'gone.png'), size: 999 }]);
    expect(mail.parsed.attachments).toHaveLength(0);
    expect(mail.parsed.text).toContain('gone.png (999 bytes) – unavailable');
    expect(await h.db.prisma.emailOutbox.findMany({ where: { ticketId: t.id }, select: { status: true } })).toEqual([{ status: 'sent' }, { status: 'sent' }]);
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
    const row = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId: t.id, recipientEmail: carol } });
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
    const row = await h.db.prisma.emailOutbox.findFirstOrThrow({ where: { ticketId: t.id, recipientEmail: carol } });
    expect(JSON.stringify(row.payload)).not.toContain('internal-notes');
    // The assignee gets one email with both.
    expect(h.mail.to('bob@staff.test')).toHaveLength(1);
    expect(h.mail.to('bob@staff.test')[0].parsed.attachments.map((a) => a.filename).sort()).toEqual(['for-customer.txt', 'internal-notes.txt']);
  });
});
