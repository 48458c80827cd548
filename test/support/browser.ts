import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium the browser tests drive: CHROMIUM_PATH, or Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const INSTALL = 'install it with `apt-get install chromium`, or set CHROMIUM_PATH to one';

function found(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * describe() for tests that drive a headless Chromium. On a machine without
 * one they are skipped, with one line saying so and how to get it, so the
 * README's `npm test` passes on a fresh machine. With REQUIRE_BROWSER=1 (CI
 * sets it) a missing browser fails the file instead: there they always run.
 */
export function describeInBrowser(name: string, tests: () => void): void {
  if (found(chromiumPath)) return describe(name, tests);
  if (process.env.REQUIRE_BROWSER === '1') {
    return describe(name, () => {
      it('has a Chromium to run in', () => {
        throw new Error(`REQUIRE_BROWSER=1, but there is no Chromium at ${chromiumPath}: ${INSTALL}`);
      });
    });
  }
  process.stderr.write(`browser tests skipped (${name}): no Chromium at ${chromiumPath}; ${INSTALL}\n`);
  describe.skip(name, tests);
}

/** A headless Chromium for one test file; close it in afterAll. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
