import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { problemsOf } from '../support/config-problems';


describe('loadConfig', () => {
  it('works with an empty environment: embedded SQLite, console backend, every notification on', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('file:./data/helpdesk.db');
    expect(config.email.backend).toBe('console');
    expect(config.email.smtp.port).toBe(587);
    expect(config.email.smtp.useTls).toBe(true);
    expect(config.notifications.enabled).toBe(true);
    expect(Object.values(config.notifications.events).every(Boolean)).toBe(true);
    expect(config.delivery.mode).toBe('embedded');
  });

  it('reads the brand', () => {
    expect(loadConfig({ BRAND_NAME: 'Acme', BRAND_COLOR: '#f60', BRAND_LOGO_URL: 'https://acme.example/l.png' }).brand).toEqual({
      name: 'Acme',
      color: '#f60',
      logoUrl: 'https://acme.example/l.png',
      footer: undefined,
    });
  });

  it('reads typed values', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app@db:5432/helpdesk',
      EMAIL_BACKEND: 'smtp',
      SECRET_KEY: 'c3f1a09e5b7d2468f0e1d2c3b4a59687',
      EMAIL_PORT: '2525',
      EMAIL_USE_TLS: 'False',
      EMAIL_SERVICE: 'gmail',
      EMAIL_NOTIFY_TICKET_UPDATED: 'no',
      SITE_URL: 'https://help.example.com/',
    });
    expect(config.email.smtp.port).toBe(2525);
    expect(config.email.smtp.useTls).toBe(false);
    expect(config.email.smtp.service).toBe('gmail');
    expect(config.notifications.events.ticket_updated).toBe(false);
    expect(config.notifications.events.ticket_created).toBe(true);
    expect(config.email.siteUrl).toBe('https://help.example.com');
  });

  it('resolves the attachment root once, from the working directory, and refuses the whole file system', () => {
    expect(loadConfig({}).email.attachments.root).toBe(join(process.cwd(), 'data', 'attachments'));
    expect(loadConfig({ EMAIL_ATTACHMENT_ROOT: '/srv/helpdesk/files/' }).email.attachments.root).toBe('/srv/helpdesk/files');
    for (const root of ['/', '/srv/..', '//'])
      expect(problemsOf({ EMAIL_ATTACHMENT_ROOT: root })).toEqual([
        `EMAIL_ATTACHMENT_ROOT="${root}" is the whole file system; expected the folder your app keeps comment files in, e.g. ./data/attachments`,
      ]);
  });

  it('names the variable, the bad value and the expected form on one line', () => {
    const [problem] = problemsOf({ EMAIL_PORT: 'abc' });
    expect(problem).toBe('EMAIL_PORT="abc" is not a whole number; expected a port number from 1 to 65535');
    expect(problemsOf({ EMAIL_PORT: '70000' })[0]).toMatch(/^EMAIL_PORT="70000" is out of range/);
  });

  it('rejects a database URL it cannot route', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/app' })[0]).toMatch(
      /^DATABASE_URL="mysql:\/\/root@localhost\/app" is not a supported database URL; expected file:/,
    );
  });

  it.each([
    ['EMAIL_BACKEND', 'sendmail', /expected one of console, smtp, dummy, file, ses/],
    ['EMAIL_USE_TLS', 'maybe', /expected true or false/],
    ['EMAIL_NOTIFY_COMMENT_ADDED', 'sometimes', /expected true or false/],
    ['SITE_URL', 'help.example.com', /is not an http\(s\) URL/],
    ['DEFAULT_FROM_EMAIL', 'not-an-address', /is not an email address/],
    ['EMAIL_SERVICE', 'NoSuchMailer', /is not a service Nodemailer knows/],
    ['LOG_LEVEL', 'loud', /is not a log level/],
    ['DELIVERY', 'carrier-pigeon', /expected one of embedded, worker, bullmq/],
    ['REDIS_URL', 'localhost:6379', /is not a Redis URL; expected redis:\/\/host:6379/],
    ['REDIS_URL', 'http://cache:6379', /is not a Redis URL/],
    ['BULLMQ_PREFIX', 'has spaces', /is not a usable key prefix/],
    ['OVERDUE_CRON', '61 9 * * *', /is not a cron pattern \(.*61.*\); expected five fields/],
    ['OVERDUE_CRON', 'every day', /is not a cron pattern/],
    ['DIGEST_CRON', '0 24 * * *', /is not a cron pattern \(.*24.*\); expected five fields/],
    ['DIGEST_CRON', 'at five', /is not a cron pattern/],
    ['BRAND_COLOR', 'blue', /is not a colour; expected a hex colour/],
    ['BRAND_COLOR', '#12345', /is not a colour/],
    ['BRAND_LOGO_URL', 'http://example.com/logo.png', /is not an https URL/],
    ['BRAND_LOGO_URL', 'logo.png', /is not an https URL/],
    ['SERVE_HOST', 'not a host', /is not an address to listen on; expected an IP address/],
    ['SERVE_HOST', 'http://0.0.0.0', /is not an address to listen on/],
  ])('rejects %s=%s', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`${name}=`)).toBe(true);
    expect(problems[0]).toMatch(expected);
  });

  it('reports every bad variable at once, never a password', () => {
    const error = (() => {
      try {
        loadConfig({ EMAIL_PORT: 'x', EMAIL_USE_SSL: 'perhaps', EMAIL_HOST_PASSWORD: 'hunter2' });
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(error.problems).toHaveLength(2);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('\n');
  });

  it('never shows the password of a URL it rejects', () => {
    const [problem] = problemsOf({ REDIS_URL: 'redis//:hunter2@cache:6379' });
    expect(problem).toMatch(/^REDIS_URL=/);
    const [pg] = problemsOf({ DATABASE_URL: 'mysql://app:hunter2@db/helpdesk' });
    expect(pg).toContain('mysql://app:***@db/helpdesk');
    expect(`${problem} ${pg}`).not.toContain('hunter2');
  });
});

describe('DELIVERY=bullmq', () => {
  it('reads the Redis URL, the key prefix and the overdue and digest schedules, with defaults', () => {
    expect(loadConfig({ DELIVERY: 'bullmq' })).toMatchObject({
      delivery: { mode: 'bullmq' },
      bullmq: { redisUrl: 'redis://127.0.0.1:6379', prefix: 'ticket-notifier', overdueCron: '0 9 * * *', digestCron: '0 17 * * *' },
    });
    const config = loadConfig({ REDIS_URL: 'rediss://:secret@cache.internal:6380/2', BULLMQ_PREFIX: 'helpdesk-eu', OVERDUE_CRON: '30 7 * * 1-5', DIGEST_CRON: '0 16 * * 1-5' });
    expect(config.bullmq).toEqual({ redisUrl: 'rediss://:secret@cache.internal:6380/2', prefix: 'helpdesk-eu', overdueCron: '30 7 * * 1-5', digestCron: '0 16 * * 1-5' });
  });
});

describe('empty values', () => {
  it('mean "not set", like a missing variable', () => {
    const config = loadConfig({ LOG_LEVEL: '', EMAIL_BACKEND: ' ', EMAIL_PORT: '', DELIVERY: '', SITE_URL: '' });
    expect(config.logLevel).toBe('info');
    expect(config.email.backend).toBe('console');
    expect(config.email.smtp.port).toBe(587);
    expect(config.delivery.mode).toBe('embedded');
    expect(config.email.siteUrl).toBe('http://localhost:8000');
  });
});
