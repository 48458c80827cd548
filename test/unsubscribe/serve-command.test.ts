import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackOnly } from '../support/accepts';
import { TEST_SECRET_KEY } from '../support/notifier-harness';
import { exitOf, runScript, startScript } from '../support/run-script';
import { waitFor } from '../support/with-harness';

// None of these reaches the database: a file nobody creates will do.
let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'serve-command-'));
  // Empty means unset, whatever the environment of the test run holds.
  env = { DATABASE_URL: `file:${join(dir, 'none.db')}`, SECRET_KEY: '', SERVE_HOST: '', NODE_ENV: '', LOG_LEVEL: 'warn' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errorLines = (output: string) => output.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));

/** Runs `npm run serve` until it exits or says where it listens; stops it in the latter case. */
async function serveOnce(args: string[], more: Record<string, string>): Promise<{ exited: boolean; code: number | null; output: string; port?: number; host?: string }> {
  const child = startScript('serve.ts', args, { ...env, ...more });
  try {
    await waitFor(() => child.exitCode !== null || /listening on http:\/\/\S+:\d+/.test(child.output()), 30_000);
    const listening = /listening on http:\/\/(\S+):(\d+)/.exec(child.output());
    if (!listening) return { exited: true, code: child.exitCode, output: child.output() };
    return { exited: false, code: null, output: child.output(), host: listening[1], port: Number(listening[2]) };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exitOf(child);
    }
  }
}

describe('npm run serve and unsubscribe:ingest need a SECRET_KEY of their own', () => {
  it('serve without SECRET_KEY does not start, with one line naming it, even on the console backend', async () => {
    const r = await serveOnce(['--port', '0'], { EMAIL_BACKEND: 'console' });
    expect([r.exited, r.code]).toEqual([true, 1]);
    const lines = errorLines(r.output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: Invalid configuration: SECRET_KEY \(unset\) is required by npm run serve: .*openssl rand -hex 32/);
  });

  it.each([
    ['32 × "a"', 'a'.repeat(32), /SECRET_KEY=\*\*\* has too little variety/],
    ['the development key', 'development-only-key-never-use-for-real-mail-0000', /SECRET_KEY=\*\*\* is the development key/],
  ])('serve refuses %s', async (_, key, expected) => {
    const r = await serveOnce(['--port', '0'], { SECRET_KEY: key });
    expect([r.exited, r.code]).toEqual([true, 1]);
    expect(errorLines(r.output)).toEqual([expect.stringMatching(expected)]);
  });

  it('unsubscribe:ingest without SECRET_KEY refuses in one line and reads nothing', async () => {
    const r = await runScript('unsubscribe-ingest.ts', [join(dir, 'no-maildir')], env);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/^error: Invalid configuration: SECRET_KEY \(unset\) is required by npm run unsubscribe:ingest: /)]);
    expect(r.stdout).toBe('');
  });
});

describe('where npm run serve listens', () => {
  it('on 127.0.0.1 only by default', async () => {
    const child = startScript('serve.ts', ['--port', '0'], { ...env, SECRET_KEY: TEST_SECRET_KEY });
    try {
      await waitFor(() => /listening on http:\/\/\S+:\d+/.test(child.output()), 30_000);
      const [, host, port] = /listening on http:\/\/(\S+):(\d+)/.exec(child.output())!;
      expect(host).toBe('127.0.0.1');
      expect(await loopbackOnly(Number(port))).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await exitOf(child);
    }
  });

  it('at SERVE_HOST, and --host wins over it', async () => {
    const fromSetting = await serveOnce(['--port', '0'], { SECRET_KEY: TEST_SECRET_KEY, SERVE_HOST: '::1' });
    expect(fromSetting.host).toBe('[::1]');
    const fromFlag = await serveOnce(['--port', '0', '--host', '127.0.0.1'], { SECRET_KEY: TEST_SECRET_KEY, SERVE_HOST: '::1' });
    expect(fromFlag.host).toBe('127.0.0.1');
  });

  it('a bad SERVE_HOST is named in one line', async () => {
    const r = await serveOnce(['--port', '0'], { SECRET_KEY: TEST_SECRET_KEY, SERVE_HOST: 'every interface' });
    expect([r.exited, r.code]).toEqual([true, 1]);
    expect(errorLines(r.output)).toEqual([expect.stringMatching(/^error: Invalid configuration: SERVE_HOST="every interface" is not an address to listen on/)]);
  });

  it('a port already taken is one line, not a stack trace', async () => {
    const taken: Server = await new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const port = (taken.address() as { port: number }).port;
      const r = await serveOnce(['--port', String(port), '--host', '127.0.0.1'], { SECRET_KEY: TEST_SECRET_KEY });
      expect([r.exited, r.code]).toEqual([true, 1]);
      expect(errorLines(r.output)).toEqual([`error: cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port} (set SERVE_HOST and SERVE_PORT, or --host and --port)`]);
    } finally {
      taken.close();
    }
  });
});
