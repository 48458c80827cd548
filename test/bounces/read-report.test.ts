import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport, reportFiles, ReportPathError } from '../../src/bounces';

const fixtures = join(__dirname, 'fixtures');
const read = (name: string) => readReport(readFileSync(join(fixtures, name)));

describe('readReport', () => {
  it('Postfix, 5.1.1 user unknown: hard, address lower-cased, folded diagnostic joined', async () => {
    expect(await read('postfix-hard-5.1.1.eml')).toEqual({
      type: 'report',
      id: '<20261124101503.4F1A21C0042@mail.helpdesk.test>',
      date: expect.any(Date),
      bounces: [
        {
          address: 'carol@customer.test',
          kind: 'hard',
          status: '5.1.1',
          diagnostic: 'smtp; 550 5.1.1 <carol@customer.test>: Recipient address rejected: User unknown in virtual mailbox table',
        },
      ],
    });
  });

  it('Exim, Action before Final-Recipient, returned message attached: hard', async () => {
    const r = await read('exim-hard-550.eml');
    expect(r.type === 'report' && r.bounces).toEqual([{ address: 'ghost@gone.test', kind: 'hard', status: '5.0.0', diagnostic: 'smtp; 550 No such user here' }]);
  });

  it('mailbox full, 4.2.2, upper-case field names: soft', async () => {
    const r = await read('mailbox-full-4.2.2.eml');
    expect(r.type === 'report' && r.bounces).toEqual([
      { address: 'dave@full.test', kind: 'soft', status: '4.2.2', diagnostic: 'smtp;452 4.2.2 The email account that you tried to reach is over quota.' },
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
