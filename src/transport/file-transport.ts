import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Writes each message as a complete .eml file, openable in any mail client. */
export function fileTransport(options: { dir: string }) {
  let count = 0;
  return {
    name: 'file',
    version: '1.0.0',
    send(mail: any, callback: (err: Error | null, info?: any) => void) {
      mkdirSync(options.dir, { recursive: true });
      const messageId: string = mail.message.messageId();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(options.dir, `${stamp}-${++count}-${messageId.replace(/[^\w.-]+/g, '_')}.eml`);
      pipeline(mail.message.createReadStream(), createWriteStream(file)).then(
        () => callback(null, { messageId, envelope: mail.message.getEnvelope(), response: `written ${file}` }),
        (error) => callback(error),
      );
    },
  };
}
