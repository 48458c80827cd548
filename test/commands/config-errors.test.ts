import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_SECRET_KEY } from '../support/notifier-harness';

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
