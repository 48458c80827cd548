import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWithin, readAttachmentFile } from '../../src/delivery/attachment-file';

describe('isWithin', () => {
  it.each([
    ['/srv/files', '/srv/files', true],
    ['/srv/files', '/srv/files/a.txt', true],
    ['/srv/files', '/srv/files/deep/er/a.txt', true],
    ['/srv/files', '/srv/files/..a.txt', true],
    ['/srv/files', '/srv/files/a..', true],
    ['/srv/files', '/srv', false],
    ['/srv/files', '/srv/files-old/a.txt', false],
    ['/srv/files', '/srv/filesx', false],
    ['/srv/files', '/etc/passwd', false],
    ['/srv/files', '/', false],
    ['/', '/etc/passwd', true],
  ])('%s holds %s: %p', (root, path, expected) => expect(isWithin(root, path)).toBe(expected));
});

describe('readAttachmentFile', () => {
  let dir: string;
  let root: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attachment-file-'));
    root = join(dir, 'root');
    mkdirSync(join(root, 'box'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(root, 'box', 'note.txt'), 'inside');
    writeFileSync(join(dir, 'outside', 'note.txt'), 'SECRET');
    writeFileSync(join(root, 'ten.txt'), '0123456789');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file within the room, and leaves unread one larger than it', async () => {
    expect(await readAttachmentFile(root, 'ten.txt', 10)).toEqual({ found: 'file', size: 10, content: Buffer.from('0123456789') });
    expect(await readAttachmentFile(root, 'ten.txt', 9)).toEqual({ found: 'file', size: 10, content: null });
    expect(await readAttachmentFile(root, 'ten.txt', -1)).toEqual({ found: 'file', size: 10, content: null });
    expect(await readAttachmentFile(root, 'nothing-here.txt', 10)).toEqual({ found: 'missing' });
  });

  it('never returns a file from outside the root while a folder on its path is swapped for a link to outside', async () => {
    // Another process swaps root/box between the real folder and a link to ../outside as fast as it can, so
    // some reads find the link between their checks and their open.
    const swapper = spawn(process.execPath, [
      '-e',
      `const fs = require('fs');
       const [box, real, outside] = process.argv.slice(1);
       for (;;) { fs.renameSync(box, real); fs.symlinkSync(outside, box); fs.unlinkSync(box); fs.renameSync(real, box); }`,
      join(root, 'box'),
      join(root, 'box-real'),
      join(dir, 'outside'),
    ]);
    const seen = new Set<string>();
    try {
      for (let i = 0; i < 3000; i++) {
        const r = await readAttachmentFile(root, 'box/note.txt', 100);
        seen.add(r.found === 'file' ? (r.content?.toString() ?? 'unread') : r.found);
      }
    } finally {
      swapper.kill('SIGKILL');
    }
    expect(seen).not.toContain('SECRET');
    // The race was run: the file was read from the real folder at least once.
    expect(seen).toContain('inside');
  });
});
