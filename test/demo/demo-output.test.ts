import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '../../src/db';
import { readableLine } from '../../src/demo/readable-log';
import { summaryLines } from '../../src/demo/run-summary';
import { runScript } from '../support/run-script';

describe('readableLine', () => {
  it.each([
    ['{"level":40,"time":1,"pid":2,"hostname":"h","name":"ticketing.emails","msg":"SECRET_KEY is not set"}', 'warning: SECRET_KEY is not set'],
    ['{"level":30,"time":1,"name":"n","outboxId":7,"recipient":"a@b.test","msg":"email sent"}', 'info: email sent (outboxId=7, recipient=a@b.test)'],
    ['{"level":50,"msg":"email failed","err":{"type":"Error","message":"boom","stack":"Error: boom\\n  at x"}}', 'error: email failed (err=boom)'],
    ['{"level":40,"msg":"refused","ticketId":3,"path":null}', 'warning: refused (ticketId=3, path=null)'],
    ['not json\n', 'not json'],
  ])('%s → %s', (json, line) => expect(readableLine(json)).toBe(line));
});

describe('summaryLines', () => {
  it('counts per event, in the order a ticket lives through them, with each outcome', () => {
    expect(
      summaryLines([
        { event: 'ticket_overdue', status: 'sent', count: 2 },
        { event: 'comment_added', status: 'sent', count: 3 },
        { event: 'ticket_created', status: 'failed', count: 1 },
        { event: 'ticket_created', status: 'sent', count: 2 },
        { event: 'daily_digest', status: 'sent', count: 1 },
      ]),
    ).toEqual([
      'This run queued 9 emails:',
      '  ticket_created   1 failed, 2 sent',
      '  comment_added    3 sent',
      '  ticket_overdue   2 sent',
      '  daily_digest     1 sent',
    ]);
  });

  it('says so when there were none, and counts one as one', () => {
    expect(summaryLines([])).toEqual(['This run queued no emails.']);
    expect(summaryLines([{ event: 'ticket_closed', status: 'sent', count: 1 }])[0]).toBe('This run queued 1 email:');
  });
});

describe('npm run demo', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints readable lines only, and a second run reports only its own emails', async () => {
    const url = `file:${join(dir, 'demo.db')}`;
    // As a newcomer runs it: no LOG_LEVEL, no SECRET_KEY.
    const env = { DATABASE_URL: url, EMAIL_FILE_PATH: join(dir, 'mail'), LOG_LEVEL: '', SECRET_KEY: '' };
    const queuedBy = (stdout: string) => Number(/^This run queued (\d+) emails:$/m.exec(stdout)?.[1]);
    const prisma = createPrismaClient(url);
    try {
      const first = await runScript('demo.ts', [], env);
      expect(first.code).toBe(0);
      const afterFirst = await prisma.emailOutbox.count();
      expect(queuedBy(first.stdout)).toBe(afterFirst);

      const second = await runScript('demo.ts', [], env);
      expect(second.code).toBe(0);
      const afterSecond = await prisma.emailOutbox.count();
      expect(afterSecond).toBeGreaterThan(afterFirst);
      expect(queuedBy(second.stdout)).toBe(afterSecond - afterFirst);

      for (const run of [first, second]) {
        const lines = `${run.stdout}\n${run.stderr}`.split('\n');
        expect(lines.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
        expect(run.stderr.trim().split('\n')).toEqual([
          'warning: SECRET_KEY is not set: unsubscribe links are signed with a development key; set SECRET_KEY (openssl rand -hex 32) before sending real mail',
        ]);
      }
    } finally {
      await prisma.$disconnect();
    }
  });
});
