import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTicketNotifier } from '../../src';
import { linkWarnings, loadConfig, publicUrlProblem } from '../../src/config';
import { createPrismaClient } from '../../src/db';
import { createLogger } from '../../src/logging';
import { TEST_SECRET_KEY } from '../support/notifier-harness';
import { problemsOf } from '../support/config-problems';


const LOCAL = 'points at this machine, which recipients cannot reach';
const PLAIN = 'is not https, and mail providers offer one-click unsubscribe (RFC 8058) only over https';

describe('publicUrlProblem', () => {
  it.each([
    'https://help.example.com',
    'https://help.example.com:8443/helpdesk',
    'https://203.0.113.7',
    'https://[2001:db8::1]',
    'https://localhost.example.com',
    'https://mylocalhost',
  ])('accepts %s', (url) => {
    expect(publicUrlProblem(url)).toBeNull();
  });

  it.each([
    ['http://localhost:8000', LOCAL],
    ['https://localhost', LOCAL],
    ['https://LOCALHOST.', LOCAL],
    ['https://helpdesk.localhost', LOCAL],
    ['https://127.0.0.1', LOCAL],
    ['https://127.1.2.3:3025', LOCAL],
    ['https://0.0.0.0', LOCAL],
    ['https://[::1]', LOCAL],
    ['https://[::]', LOCAL],
    ['https://[::ffff:127.0.0.1]', LOCAL],
    ['http://help.example.com', PLAIN],
    ['http://203.0.113.7', PLAIN],
    ['not a url', 'is not a URL'],
  ])('refuses %s', (url, problem) => {
    expect(publicUrlProblem(url)).toBe(problem);
  });
});

const realMail = { EMAIL_BACKEND: 'smtp', SECRET_KEY: TEST_SECRET_KEY };
const publicLinks = { SITE_URL: 'https://help.example.com', UNSUBSCRIBE_URL: 'https://mail.example.com' };

describe('links in real mail', () => {
  it('are warned about when they point at localhost or use plain http, naming the variable and value', () => {
    expect(linkWarnings(loadConfig(realMail))).toEqual([
      `SITE_URL (http://localhost:8000) ${LOCAL}; expected the public https address, e.g. https://help.example.com`,
      `UNSUBSCRIBE_URL (http://localhost:3025) ${LOCAL}; expected the public https address, e.g. https://mail.example.com`,
    ]);
    expect(linkWarnings(loadConfig({ ...realMail, ...publicLinks, UNSUBSCRIBE_URL: 'http://mail.example.com' }))).toEqual([
      `UNSUBSCRIBE_URL (http://mail.example.com) ${PLAIN}; expected the public https address, e.g. https://mail.example.com`,
    ]);
    expect(linkWarnings(loadConfig({ ...realMail, ...publicLinks }))).toEqual([]);
  });

  it('are not warned about when no real mail is sent', () => {
    for (const backend of ['console', 'file', 'dummy']) expect(linkWarnings(loadConfig({ EMAIL_BACKEND: backend }))).toEqual([]);
  });

  it('stop start-up under NODE_ENV=production, every bad one in one error', () => {
    expect(problemsOf({ ...realMail, NODE_ENV: 'production' })).toEqual([
      `SITE_URL (http://localhost:8000) ${LOCAL}; expected the public https address, e.g. https://help.example.com (NODE_ENV=production with EMAIL_BACKEND=smtp)`,
      `UNSUBSCRIBE_URL (http://localhost:3025) ${LOCAL}; expected the public https address, e.g. https://mail.example.com (NODE_ENV=production with EMAIL_BACKEND=smtp)`,
    ]);
    expect(problemsOf({ ...realMail, ...publicLinks, SITE_URL: 'http://help.example.com', EMAIL_BACKEND: 'ses', NODE_ENV: 'production' })).toEqual([
      `SITE_URL (http://help.example.com) ${PLAIN}; expected the public https address, e.g. https://help.example.com (NODE_ENV=production with EMAIL_BACKEND=ses)`,
    ]);
    // With the key missing as well, both are named at once.
    expect(problemsOf({ EMAIL_BACKEND: 'smtp', NODE_ENV: 'production', ...publicLinks, SITE_URL: 'http://localhost' })).toHaveLength(2);
    expect(loadConfig({ ...realMail, ...publicLinks, NODE_ENV: 'production' }).email.siteUrl).toBe('https://help.example.com');
    // Mail that stays on this machine may link anywhere.
    expect(loadConfig({ SECRET_KEY: TEST_SECRET_KEY, NODE_ENV: 'production' }).unsubscribe.url).toBe('http://localhost:3025');
  });
});

describe('a notifier sending real mail', () => {
  it('warns at start, once per link base that will not work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'link-warnings-'));
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    // Nothing is queued or sent: the database and the SMTP server are never reached.
    const prisma = createPrismaClient(`file:${join(dir, 'none.db')}`);
    const config = loadConfig({ ...realMail, DELIVERY: 'worker', SITE_URL: 'https://help.example.com', UNSUBSCRIBE_URL: 'http://mail.example.com' });
    const notifier = createTicketNotifier({ prisma, config, logger: createLogger('warn', sink) });
    try {
      expect(lines.map((l) => JSON.parse(l).msg)).toEqual([`UNSUBSCRIBE_URL (http://mail.example.com) ${PLAIN}; expected the public https address, e.g. https://mail.example.com`]);
    } finally {
      await notifier.close();
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
