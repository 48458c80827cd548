import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport, reportFiles, ReportPathError } from '../../src/bounces';
import { dsn } from './dsn';

const fixtures = join(__dirname, 'fixtures');
const read = (name: string) => readReport(readFileSync(join(fixtures, name)));

describe('readReport', () => {
  it('Postfix, 5.1.1 user unknown: hard, address lower-cased, folded diagnostic joined', async () => {
    expect(await read('postfix-hard-5.1.1.eml')).toEqual({
      type: 'report',
      id: '<20261124101503.4F1A21C0042@mail.helpdesk.test>',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      date: expect.any(Date),
      unread: 0,
      refs: { recipients: ['bounces@helpdesk.test', 'support@helpdesk.test'], messageIds: ['<ticket-1.abc123@helpdesk.test>'] },
      bounces: [
        {
          address: 'carol@customer.test',
          original: 'carol@customer.test',
          kind: 'hard',
          status: '5.1.1',
          diagnostic: 'smtp; 550 5.1.1 <carol@customer.test>: Recipient address rejected: User unknown in virtual mailbox table',
        },
      ],
    });
  });

  it('Exim, Action before Final-Recipient, returned message attached: hard', async () => {
    const r = await read('exim-hard-550.eml');
    expect(r.type === 'report' && r.bounces).toEqual([{ address: 'ghost@gone.test', original: null, kind: 'hard', status: '5.0.0', diagnostic: 'smtp; 550 No such user here' }]);
    expect(r.type === 'report' && r.refs).toEqual({ recipients: ['support@helpdesk.test'], messageIds: ['<x.y@helpdesk.test>'] });
  });

  it('mailbox full, 4.2.2, upper-case field names: soft', async () => {
    const r = await read('mailbox-full-4.2.2.eml');
    expect(r.type === 'report' && r.bounces).toEqual([
      { address: 'dave@full.test', original: null, kind: 'soft', status: '4.2.2', diagnostic: 'smtp;452 4.2.2 The email account that you tried to reach is over quota.' },
    ]);
  });

  it('a delay warning: soft', async () => {
    const r = await read('delayed.eml');
    expect(r.type === 'report' && r.bounces.map((b) => [b.address, b.kind, b.status])).toEqual([['erin@slow.test', 'soft', '4.4.1']]);
  });

  it('a message that is not a report is skipped, not an error', async () => {
    expect(await read('not-a-dsn.eml')).toEqual({ type: 'skipped', reason: 'not a multipart/report message' });
  });

  it('a report without a Message-ID is known by the hash of its bytes', async () => {
    const bytes = readFileSync(join(fixtures, 'delayed.eml'), 'utf8').replace(/^Message-Id:.*\n/m, '');
    const r = await readReport(Buffer.from(bytes));
    expect(r.type === 'report' && r.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await readReport(Buffer.from(bytes))).toEqual(r);
  });

  it('another kind of report (a read receipt) is skipped', async () => {
    const mdn = readFileSync(join(fixtures, 'delayed.eml'), 'utf8').replace('report-type=delivery-status', 'report-type=disposition-notification');
    expect(await readReport(Buffer.from(mdn))).toEqual({ type: 'skipped', reason: 'a report of type disposition-notification, not delivery-status' });
  });
});

describe('readReport, what a report refers to', () => {
  const readText = (text: string) => readReport(Buffer.from(text));

  it('the addresses it was delivered and addressed to, where a VERP tag would be', async () => {
    const r = await readText(
      dsn({
        to: '"Bounces" <Bounces+7.ABC@Helpdesk.test>',
        envelope: { 'Delivered-To': 'bounces+7.abc@helpdesk.test', 'X-Original-To': 'bounces+8.def@helpdesk.test', 'Envelope-to': 'bounces+9.0@helpdesk.test' },
        blocks: [{ final: 'carol@customer.test' }],
      }),
    );
    expect(r.type === 'report' && r.refs.recipients.sort()).toEqual(['bounces+7.abc@helpdesk.test', 'bounces+8.def@helpdesk.test', 'bounces+9.0@helpdesk.test']);
  });

  it.each(['message/rfc822', 'text/rfc822-headers'] as const)('the Message-ID of the email returned as %s', async (as) => {
    const r = await readText(dsn({ blocks: [{ final: 'carol@customer.test' }], returned: { as, headers: { From: 'support@helpdesk.test', 'Message-ID': '<m-1@helpdesk.test>' } } }));
    expect(r.type === 'report' && r.refs.messageIds).toEqual(['<m-1@helpdesk.test>']);
  });

  it('Original-Message-ID and X-Original-Message-ID, in the headers or the per-message block', async () => {
    const r = await readText(
      dsn({ envelope: { 'X-Original-Message-ID': '<m-2@helpdesk.test>' }, perMessage: ['Original-Message-ID: <m-3@helpdesk.test>'], blocks: [{ final: 'carol@customer.test' }] }),
    );
    expect(r.type === 'report' && r.refs.messageIds.sort()).toEqual(['<m-2@helpdesk.test>', '<m-3@helpdesk.test>']);
  });

  it('at most 20 of each, however many a forged report lists', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `x+${i}.0@evil.example`).join(', ');
    const r = await readText(dsn({ to: many, blocks: [{ final: 'carol@customer.test' }] }));
    expect(r.type === 'report' && r.refs.recipients).toHaveLength(20);
  });
});

describe('readReport, abuse', () => {
  const readText = (text: string) => readReport(Buffer.from(text));

  it('a report that names one address twice gives one bounce, hard if either block is', async () => {
    const r = await readText(dsn({ blocks: [{ final: 'carol@customer.test', action: 'delayed', status: '4.4.1' }, { final: 'Carol@Customer.test' }, { final: 'dave@full.test' }] }));
    expect(r.type === 'report' && r.bounces.map((b) => [b.address, b.kind])).toEqual([
      ['carol@customer.test', 'hard'],
      ['dave@full.test', 'hard'],
    ]);
  });

  it('2000 recipient blocks: 50 read, the rest counted as unread', async () => {
    const blocks = Array.from({ length: 2000 }, (_, i) => ({ final: `victim${i}@example.test` }));
    const r = await readText(dsn({ blocks }));
    expect(r.type === 'report' && [r.bounces.length, r.unread]).toEqual([50, 1950]);
  });

  it('a Diagnostic-Code folded over 200,000 lines is read, and kept to 1000 characters', async () => {
    const folded = `smtp; 550 no${'\n  more'.repeat(200_000)}`;
    const r = await readText(dsn({ blocks: [{ final: 'carol@customer.test', diagnostic: folded }] }));
    const diagnostic = r.type === 'report' ? r.bounces[0].diagnostic! : '';
    expect(diagnostic).toHaveLength(1000);
    expect(diagnostic).toBe(`smtp; 550 no${' more'.repeat(200)}`.slice(0, 999) + '…');
  });

  it('a message the parser refuses is skipped, with the reason', async () => {
    const huge = `X-Junk: ${'a'.repeat(2 * 1024 * 1024)}\n${dsn({ blocks: [{ final: 'carol@customer.test' }] })}`;
    expect(await readText(huge)).toEqual({ type: 'skipped', reason: expect.stringMatching(/^not a readable message \(.+\)$/) });
  });
});

describe('reportFiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bounces-'));
    mkdirSync(join(dir, 'Maildir', 'cur'), { recursive: true });
    mkdirSync(join(dir, 'Maildir', 'new'));
    mkdirSync(join(dir, 'Maildir', 'tmp'));
    copyFileSync(join(fixtures, 'delayed.eml'), join(dir, 'Maildir', 'new', '1795089600.M1P2.host'));
    copyFileSync(join(fixtures, 'exim-hard-550.eml'), join(dir, 'Maildir', 'cur', '1795003364.M2P3.host:2,S'));
    writeFileSync(join(dir, 'Maildir', 'tmp', 'half-written'), '');
    writeFileSync(join(dir, 'notes.txt'), 'not mail');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a folder: its .eml files, sorted; other files ignored', () => {
    expect(reportFiles(fixtures).map((f) => f.slice(fixtures.length + 1))).toEqual([
      'delayed.eml',
      'exim-hard-550.eml',
      'mailbox-full-4.2.2.eml',
      'not-a-dsn.eml',
      'postfix-hard-5.1.1.eml',
    ]);
  });

  it('a Maildir: every file in cur/ and new/, none in tmp/', () => {
    expect(reportFiles(join(dir, 'Maildir')).map((f) => f.slice(dir.length + 1))).toEqual([
      'Maildir/cur/1795003364.M2P3.host:2,S',
      'Maildir/new/1795089600.M1P2.host',
    ]);
  });

  it('a bad path is an error naming it', () => {
    expect(() => reportFiles(join(dir, 'missing'))).toThrow(new ReportPathError(join(dir, 'missing'), 'no such file or folder'));
    expect(() => reportFiles(join(dir, 'notes.txt'))).toThrow(`${join(dir, 'notes.txt')}: not an .eml file`);
  });
});
