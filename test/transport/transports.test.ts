import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createTransport, smtpOptions } from '../../src/transport';
import { consoleTransport } from '../../src/transport/console-transport';
import { TEST_SECRET_KEY } from '../support/notifier-harness';

const message = {
  from: 'Helpdesk <noreply@helpdesk.test>',
  to: { name: 'Carol', address: 'carol@customer.test' },
  subject: '[#1] New ticket: Hello',
  text: 'Plain part',
  html: '<p>HTML part</p>',
  messageId: '<m1@helpdesk.test>',
};
const silent = createLogger('silent');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'transport-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('console backend', () => {
  it('prints from, to, subject and the text part, and writes the HTML to a file', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d) => (printed += d));
    const t = nodemailer.createTransport(consoleTransport({ htmlDir: dir, out }) as any);
    await t.sendMail(message);
    expect(printed).toContain('From:    Helpdesk <noreply@helpdesk.test>');
    expect(printed).toContain('To:      Carol <carol@customer.test>');
    expect(printed).toContain('Subject: [#1] New ticket: Hello');
    expect(printed).toContain('Plain part');
    const [file] = readdirSync(dir);
    expect(readFileSync(join(dir, file), 'utf8')).toBe('<p>HTML part</p>');
    expect(printed).toContain(join(dir, file));
  });
});

describe('file backend', () => {
  it('writes a complete .eml per message', async () => {
    const t = createTransport(loadConfig({ EMAIL_BACKEND: 'file', EMAIL_FILE_PATH: dir }), silent);
    await t.sendMail(message);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(readFileSync(join(dir, files[0])));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.html).toContain('HTML part');
    expect(parsed.text?.trim()).toBe('Plain part');
  });
});

describe('dummy backend', () => {
  it('accepts and drops', async () => {
    const t = createTransport(loadConfig({ EMAIL_BACKEND: 'dummy' }), silent);
    const info = await t.sendMail(message);
    expect(info.response).toBe('dropped');
  });
});

describe('ses backend', () => {
  it('without the optional AWS SDK says what to install', () => {
    let sdkPresent = true;
    try {
      require.resolve('@aws-sdk/client-sesv2');
    } catch {
      sdkPresent = false;
    }
    if (sdkPresent) return;
    expect(() => createTransport(loadConfig({ EMAIL_BACKEND: 'ses', SECRET_KEY: TEST_SECRET_KEY }), silent)).toThrow('npm install @aws-sdk/client-sesv2');
  });
});

describe('smtp options', () => {
  const base = loadConfig({}).email.smtp;
  it('EMAIL_SERVICE uses Nodemailer’s well-known table instead of a host', () => {
    const o = smtpOptions({ ...base, service: 'SendGrid', user: 'apikey', password: 'secret' });
    expect(o).toMatchObject({ service: 'SendGrid', auth: { user: 'apikey', pass: 'secret' }, pool: true });
    expect(o).not.toHaveProperty('host');
  });
  it('EMAIL_USE_TLS requires STARTTLS; EMAIL_USE_SSL is TLS from the start', () => {
    expect(smtpOptions({ ...base, useTls: true, useSsl: false })).toMatchObject({ secure: false, requireTLS: true });
    expect(smtpOptions({ ...base, useTls: false, useSsl: true, port: 465 })).toMatchObject({ secure: true, requireTLS: false, port: 465 });
    expect(smtpOptions({ ...base, useTls: false, useSsl: false })).toMatchObject({ secure: false, ignoreTLS: true });
  });
});
