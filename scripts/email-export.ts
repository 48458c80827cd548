import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { allPreviews } from '../emails/previews';
import { locales } from '../src/notifications';
import { renderEmail } from '../src/rendering';

const program = new Command('email:export')
  .description('Render every template with its preview props, in every language, to HTML (and the plain-text part) for review in any browser.')
  .option('--out <dir>', 'where to write the files', 'emails-export')
  .parse();

async function main() {
  const { out } = program.opts<{ out: string }>();
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const index: string[] = [];
  for (const { file, props } of locales.flatMap((locale) => allPreviews(locale))) {
    const email = await renderEmail(props.payload, { siteUrl: props.siteUrl, brand: props.brand });
    writeFileSync(join(dir, `${file}.html`), email.html);
    writeFileSync(join(dir, `${file}.txt`), `Subject: ${email.subject}\n\n${email.text}\n`);
    index.push(`<li><a href="${file}.html">${file}</a> — ${email.subject.replace(/&/g, '&amp;').replace(/</g, '&lt;')} (<a href="${file}.txt">text</a>)</li>`);
    console.log(`wrote ${join(out, `${file}.html`)}`);
  }
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Email templates</title><h1>Email templates</h1><ul>${index.join('')}</ul>`);
  console.log(`open ${join(out, 'index.html')} in a browser`);
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
