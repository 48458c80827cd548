import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPeople } from '../support/fixtures';
import { createHarness, smtpEnv, TEST_SECRET_KEY, type Harness } from '../support/notifier-harness';
import { waitFor } from '../support/with-harness';
import { exitOf, runScript, startScript } from '../support/run-script';

let h: Harness;
let people: Awaited<ReturnType<typeof createPeople>>;
let env: Record<string, string>;

beforeAll(async () => {
  h = await createHarness();
  people = await createPeople(h.db.prisma);
  env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port), LOG_LEVEL: 'info' };
});
afterAll(() => h.close());
beforeEach(() => h.mail.clear());


describe('npm run worker', () => {
  it('delivers rows another process queued, and exits 0 on SIGTERM', async () => {
    const worker = startScript('worker.ts', [], { ...env, OUTBOX_POLL_INTERVAL_MS: '50' });
    try {
      const t = await h.notifier.client.ticket.create({
        data: { subject: 'For the worker', customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
      });
      await waitFor(async () => (await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id), status: 'sent' } })) === 2);
      expect(h.mail.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['ada@staff.test', 'carol@customer.test']);
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exitOf(worker)).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('worker stopping');
  });

  it('--once delivers what is due and exits', async () => {
    await h.notifier.client.ticket.create({ data: { subject: 'Once', customerId: people.carol.id, createdById: people.cyd.id } });
    const r = await runScript('worker.ts', ['--once'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sent 1, retrying 0, failed 0, dead 0/);
    expect(h.mail.messages).toHaveLength(1);
  });
});

describe('npm run notify:overdue', () => {
  it('--dry-run lists, then a real run queues and a second run queues nothing', async () => {
    const t = await h.db.prisma.ticket.create({
      data: { subject: 'Late', status: 'open', dueDate: new Date(Date.now() - 3 * 86_400_000), customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id },
    });
    const dry = await runScript('notify-overdue.ts', ['--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would send: ticket #${t.id} → ada@staff.test`);
    expect(dry.stdout).toContain('dry run: nothing sent');
    expect(await h.db.prisma.emailOutbox.count({ where: { event: 'ticket_overdue' } })).toBe(0);

    const real = await runScript('notify-overdue.ts', ['--list'], { ...env, DELIVERY: 'embedded' });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain(`queued: ticket #${t.id} → ada@staff.test`);
    expect(real.stdout).toContain('2 email(s) queued');
    expect(real.stdout).toContain('sent 2');
    expect(h.mail.messages.map((m) => m.parsed.subject)).toEqual([`[#${t.id}] Overdue: Late`, `[#${t.id}] Overdue: Late`]);

    const again = await runScript('notify-overdue.ts', [], env);
    expect(again.stdout).toContain('0 email(s) queued');
    expect(again.stdout).not.toContain('queued: ticket');
  });

  it('--help explains the command', async () => {
    const r = await runScript('notify-overdue.ts', ['--help'], env);
    expect(r.stdout).toContain('--dry-run');
    expect(r.code).toBe(0);
  });
});

describe('npm run email:test and email:check', () => {
  it('email:test sends one message through the configured transport', async () => {
    const r = await runScript('email-test.ts', ['--to', 'someone@example.test'], env);
    expect(r.code).toBe(0);
    expect(h.mail.to('someone@example.test')).toHaveLength(1);
  });

  it('email:check says ok when the server answers', async () => {
    const r = await runScript('email-check.ts', [], env);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/^ok: connected to 127\.0\.0\.1:\d+/);
  });

  it('email:check names a refused connection', async () => {
    const r = await runScript('email-check.ts', [], { ...env, EMAIL_PORT: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: refused: nothing accepts connections at 127\.0\.0\.1:1/);
  });

  it('email:check names a DNS failure', async () => {
    const r = await runScript('email-check.ts', [], { ...env, EMAIL_HOST: 'mail.does-not-exist.invalid' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: DNS: /);
  });
});

describe('npm run demo', () => {
  it('prints all eight kinds of email through the console backend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-'));
    try {
      const r = await runScript('demo.ts', [], { DATABASE_URL: h.db.url, EMAIL_BACKEND: 'smtp', SECRET_KEY: TEST_SECRET_KEY, EMAIL_FILE_PATH: dir, LOG_LEVEL: '' });
      expect(r.code).toBe(0);
      for (const kind of ['New ticket', 'Assigned to you', 'New comment', 'Internal note', 'Ticket updated', 'Status changed', 'Resolved', 'Closed', 'Overdue']) {
        expect(r.stdout).toMatch(new RegExp(`Subject: \\[#\\d+\\] ${kind}: `));
      }
      // EMAIL_BACKEND=smtp in the environment does not make the demo send real mail.
      expect(h.mail.messages).toHaveLength(0);
      expect(readdirSync(join(dir, 'html')).length).toBeGreaterThanOrEqual(8);
      // The customer never saw the internal note.
      const toMarie = r.stdout.split('-'.repeat(72)).filter((block) => block.includes('To:      Marie Curie'));
      expect(toMarie.length).toBeGreaterThan(0);
      for (const block of toMarie) expect(block).not.toContain('check the firmware');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
