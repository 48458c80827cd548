import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { root, runScript } from '../support/run-script';

const pageTest = 'test/unsubscribe/page-in-browser.test.ts';
const missing = join(root, 'no-such-dir', 'chromium');

/** Runs the browser test file in a Jest of its own, as `npm test` would on a machine with no Chromium. */
function runBrowserTests(env: Record<string, string>): Promise<{ code: number; output: string; stderr: string }> {
  const { TEST_DATABASE_URL, JEST_WORKER_ID, REQUIRE_BROWSER, ...inherited } = process.env;
  const argv = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), pageTest];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: root, env: { ...inherited, CHROMIUM_PATH: missing, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr, stderr }),
    );
  });
}

describe('browser tests on a machine without Chromium', () => {
  it('are skipped, with one line saying how to install it, and the run passes', async () => {
    const r = await runBrowserTests({});
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('Chromium'));
    expect(lines).toEqual([
      `browser tests skipped (the unsubscribe page in a browser): no Chromium at ${missing}; install it with \`apt-get install chromium\`, or set CHROMIUM_PATH to one`,
    ]);
    expect(r.output).toMatch(/Tests:\s+3 skipped, 3 total/);
  });

  it('fail with REQUIRE_BROWSER=1, as CI sets it, naming the path and the fix', async () => {
    const r = await runBrowserTests({ REQUIRE_BROWSER: '1' });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`REQUIRE_BROWSER=1, but there is no Chromium at ${missing}: install it with \`apt-get install chromium\``);
    expect(r.output).toMatch(/Tests:\s+1 failed, 1 total/);
  });

  it('npm run email:screenshots stops with one line saying how to get one', async () => {
    const r = await runScript('email-screenshots.ts', ['--out', join(root, 'no-such-dir', 'shots')], { CHROMIUM_PATH: missing });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no Chromium at ${missing}; install it with \`apt-get install chromium\`, or pass --chromium PATH (or set CHROMIUM_PATH)\n`);
  });
});
