import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_SECRET_KEY } from '../support/notifier-harness';
import { runScript } from '../support/run-script';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

async function seedWith(env: Record<string, string>) {
  try {
    await run(tsx, ['scripts/db-seed.ts'], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, stderr: err.stderr };
  }
}

describe('a command started with bad configuration', () => {
  it.each([
    [{ EMAIL_PORT: 'abc' }, 'EMAIL_PORT="abc" is not a whole number'],
    [{ DATABASE_URL: 'mysql://root@localhost/app' }, 'DATABASE_URL="mysql://root@localhost/app" is not a supported database URL'],
    [{ NODE_ENV: 'production', SECRET_KEY: '' }, 'SECRET_KEY (unset) is required with NODE_ENV=production'],
    [{ NODE_ENV: 'production', SECRET_KEY: 'a'.repeat(32) }, 'SECRET_KEY=*** has too little variety'],
    [
      { NODE_ENV: 'production', SECRET_KEY: TEST_SECRET_KEY, EMAIL_BACKEND: 'smtp', SITE_URL: 'https://help.example.com', UNSUBSCRIBE_URL: '' },
      'UNSUBSCRIBE_URL (http://localhost:3025) points at this machine',
    ],
  ])('%j exits 1 with one line naming the variable and no stack trace', async (env, expected) => {
    const { code, stderr } = await seedWith(env);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
    expect(stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });
});

describe('a command whose database is not there or not ready', () => {
  const dir = mkdtempSync(join(tmpdir(), 'no-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'info', DELIVERY: 'embedded' };
  const linesOf = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));

  it.each([
    ['outbox-status.ts', []],
    ['worker.ts', ['--once']],
    ['notify-overdue.ts', []],
    ['db-migrate.ts', []],
    ['db-seed.ts', []],
  ])('%s %j with PostgreSQL unreachable: one line naming the database, its password masked, exit 1', async (script, args) => {
      const r = await runScript(script, args, { ...base, DATABASE_URL: 'postgresql://app:s3cret@127.0.0.1:1/helpdesk' });
      expect(r.code).toBe(1);
      expect(linesOf(r.stderr)).toEqual(['error: cannot reach the database at postgresql://app:***@127.0.0.1:1/helpdesk (ECONNREFUSED)']);
      expect(r.stderr + r.stdout).not.toContain('s3cret');
  });

  it('a SQLite file that was never migrated: one line that says to run db:migrate', async () => {
    const file = join(dir, 'empty.db');
    const r = await runScript('outbox-status.ts', [], { ...base, DATABASE_URL: `file:${file}` });
    expect(r.code).toBe(1);
    expect(linesOf(r.stderr)).toEqual([`error: the database at file:${file} is not migrated (no such table: main.EmailOutbox); run npm run db:migrate`]);
  });

  it('a SQLite file that cannot be opened: one line naming it', async () => {
    const file = join(dir, 'a-folder.db');
    mkdirSync(file);
    const r = await runScript('outbox-status.ts', [], { ...base, DATABASE_URL: `file:${file}` });
    expect(r.code).toBe(1);
    expect(linesOf(r.stderr)).toEqual([`error: cannot open the SQLite database file:${file} (unable to open database file)`]);
  });
});
