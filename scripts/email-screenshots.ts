// Screenshots of every template, rendered with its preview props, at a phone
// width and a desktop width, in headless Chromium. The PNGs go to
// docs/screenshots/ and the README shows them.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { chromium } from 'playwright-core';
import { allPreviews } from '../emails/previews';
import { renderEmail } from '../src/rendering';

const program = new Command('email:screenshots')
  .description('Take screenshots of every template at 375 px and 800 px wide in headless Chromium.')
  .option('--out <dir>', 'where to write the PNGs', 'docs/screenshots')
  .option('--chromium <path>', 'the Chromium executable', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')
  .parse();

const WIDTHS = [375, 800];

async function main() {
  const { out, chromium: executablePath } = program.opts<{ out: string; chromium: string }>();
  if (!existsSync(executablePath)) {
    console.error(`error: no Chromium at ${executablePath}; install it with \`apt-get install chromium\`, or pass --chromium PATH (or set CHROMIUM_PATH)`);
    process.exitCode = 1;
    return;
  }
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'email-shots-'));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const { file, props } of allPreviews()) {
      const email = await renderEmail(props.payload, { siteUrl: props.siteUrl, brand: props.brand });
      const html = join(work, `${file}.html`);
      writeFileSync(html, email.html);
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 700 }, deviceScaleFactor: 1 });
        await page.goto(pathToFileURL(html).href);
        const png = resolve(out, `${file}-${width}.png`);
        await page.screenshot({ path: png, fullPage: true });
        await page.close();
        console.log(`wrote ${png}`);
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
