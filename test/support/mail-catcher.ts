import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface CaughtMail {
  /** MAIL FROM: where a bounce of this message would go. */
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** When the server accepted it (Date.now()). */
  at: number;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts.
 * `failWith` makes it answer RCPT TO with an error code for chosen addresses.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  failWith: (address: string) => { code: number; message: string } | null = () => null;
  /** Holds each message this long before accepting it, to keep sends in flight. */
  delayMs = 0;

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Stopping must not wait for the sender's idle pooled connections.
      closeTimeout: 50,
      onRcptTo: (address, _session: SMTPServerSession, callback) => {
        const failure = this.failWith(address.address);
        if (!failure) return callback();
        const error = Object.assign(new Error(failure.message), { responseCode: failure.code });
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
          const raw = Buffer.concat(chunks).toString('utf8');
          const at = Date.now();
          this.messages.push({
            at,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed: await simpleParser(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    // A sender that goes away mid-session (a worker killed with SIGKILL, a pool closed) resets its
    // socket; smtp-server re-emits that on the server, and an unheard 'error' would crash the test run.
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many times each Message-ID arrived. */
  countsByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.parsed.messageId ?? '', (counts.get(m.parsed.messageId ?? '') ?? 0) + 1);
    return counts;
  }

  /** Messages whose envelope includes `address`. */
  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }

  clear(): void {
    this.messages.length = 0;
  }
}
