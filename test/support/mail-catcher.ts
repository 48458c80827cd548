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

/** One client connection: the commands it sent, in order, and whether it has ended. */
export interface CaughtSession {
  id: string;
  commands: string[];
  closed: boolean;
}

export interface MailCatcherOptions {
  /** Offer AUTH and accept exactly these users and passwords (over plain text: a test server). */
  users?: Record<string, string>;
  /** Offer no AUTH at all, like a server that hides it until STARTTLS. */
  noAuth?: boolean;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, and
 * what each connection said (`sessions`: did it log in, did it say QUIT).
 * `failWith` makes it answer RCPT TO with an error code for chosen addresses.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  readonly sessions: CaughtSession[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  failWith: (address: string) => { code: number; message: string } | null = () => null;
  /** Holds each message this long before accepting it, to keep sends in flight. */
  delayMs = 0;

  constructor(private readonly options: MailCatcherOptions = {}) {}

  private session(id: string): CaughtSession {
    let s = this.sessions.find((x) => x.id === id);
    if (!s) this.sessions.push((s = { id, commands: [], closed: false }));
    return s;
  }

  async start(port = 0): Promise<this> {
    const users = this.options.users;
    // smtp-server logs each command it reads at debug level, with the connection's id; that is the transcript.
    const record = (entry: { tnx?: string; cid?: string; command?: string }) => {
      if (entry?.tnx === 'command' && entry.cid && entry.command) this.session(entry.cid).commands.push(entry.command);
    };
    const quiet = () => undefined;
    const server = new SMTPServer({
      authOptional: !users,
      allowInsecureAuth: true,
      disabledCommands: this.options.noAuth ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
      logger: { debug: record, trace: quiet, info: quiet, warn: quiet, error: quiet, fatal: quiet } as any,
      // Stopping must not wait for the sender's idle pooled connections.
      closeTimeout: 50,
      onAuth: (auth, _session, callback) => {
        if (users && auth.username !== undefined && users[auth.username] === auth.password) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onClose: (session) => {
        this.session(session.id).closed = true;
      },
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

  /** Connections that have ended: with QUIT, and without (the client just dropped the socket). */
  closedSessions(): { quit: number; dropped: number } {
    const closed = this.sessions.filter((s) => s.closed);
    const quit = closed.filter((s) => s.commands.includes('QUIT')).length;
    return { quit, dropped: closed.length - quit };
  }

  clear(): void {
    this.messages.length = 0;
    this.sessions.length = 0;
  }
}
