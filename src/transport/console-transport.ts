import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';

/**
 * Development backend: prints each email readably (from, to, subject, the
 * plain-text part) and writes its HTML to a file you can open in a browser.
 */
export function consoleTransport(options: { htmlDir: string; out?: Writable }) {
  const out = options.out ?? process.stdout;
  let count = 0;
  return {
    name: 'console',
    version: '1.0.0',
    send(mail: any, callback: (err: Error | null, info?: any) => void) {
      try {
        const data = mail.data;
        const messageId: string = mail.message.messageId();
        const to = [].concat(data.to ?? []).map((t: any) => (typeof t === 'string' ? t : `${t.name} <${t.address}>`));
        const file = resolve(join(options.htmlDir, `${String(++count).padStart(4, '0')}-${messageId.replace(/[^\w.-]+/g, '_')}.html`));
        mkdirSync(options.htmlDir, { recursive: true });
        writeFileSync(file, String(data.html ?? ''));
        const rule = '-'.repeat(72);
        out.write(
          [
            rule,
            `From:    ${data.from}`,
            `To:      ${to.join(', ')}`,
            `Subject: ${data.subject}`,
            `Message-ID: ${messageId}`,
            `HTML:    ${file}`,
            '',
            String(data.text ?? '').trim(),
            rule,
            '',
          ].join('\n'),
        );
        callback(null, { messageId, envelope: mail.message.getEnvelope(), response: 'printed' });
      } catch (error) {
        callback(error as Error);
      }
    },
  };
}
