import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that accepts everything and keeps nothing
 * but a count and the times of the first and last message.
 */
export class SmtpSink {
  accepted = 0;
  firstAt = 0;
  lastAt = 0;
  port = 0;
  private server: SMTPServer | null = null;

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 50,
      // No DNS: the figures are about this project, not the resolver.
      disableReverseLookup: true,
      onData: (stream, _session, callback) => {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          const now = performance.now();
          if (this.accepted++ === 0) this.firstAt = now;
          this.lastAt = now;
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // A worker process stopped mid-session resets its socket; smtp-server re-emits that on the
    // server, and an unheard 'error' would end the benchmark.
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  reset(): void {
    this.accepted = 0;
    this.firstAt = 0;
    this.lastAt = 0;
  }

  /** Resolves once `count` messages have arrived in all. */
  async waitFor(count: number, timeoutMs = 600_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.accepted < count) {
      if (Date.now() > deadline) throw new Error(`SMTP sink: ${this.accepted} of ${count} messages after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
