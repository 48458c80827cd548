import type { MailTransport } from './mail-transport';

// What closeTransport needs of Nodemailer's SMTP pool. The pool offers no
// way to end its connections with QUIT (its close() ends their sockets
// without a word), so this reaches its connection list, as the pool's own
// idle timer does when it says QUIT; test/delivery/shutdown.test.ts fails if
// an upgrade of Nodemailer moves it.
interface PooledConnection {
  available: boolean;
  connection?: { quit(): void };
  once(event: 'available' | 'close', listener: () => void): unknown;
}
interface SmtpPool {
  _connections?: PooledConnection[];
  close(options?: { force?: boolean }): void;
}

// How long a server gets to answer QUIT before the pool ends the socket anyway.
const QUIT_WAIT_MS = 2_000;

/**
 * Closes the transport's connections. Each idle pooled SMTP connection says
 * QUIT and gets a moment for the server's reply, as RFC 5321 asks of a client,
 * before the pool closes; a connection still delivering finishes its message
 * first, unless `force` (a shutdown that gave up on its sends) cuts it.
 * Other transports just close.
 */
export async function closeTransport(transport: MailTransport, options: { force?: boolean } = {}): Promise<void> {
  const pool = transport.transporter as unknown as SmtpPool;
  const connections = pool._connections ?? [];
  const within = (promises: Promise<unknown>[]) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, QUIT_WAIT_MS)));
    return Promise.race([Promise.all(promises), late]).finally(() => clearTimeout(timer));
  };
  const event = (c: PooledConnection, ...names: ('available' | 'close')[]) =>
    new Promise<void>((resolve) => names.forEach((name) => c.once(name, () => resolve())));
  // A connection that has just delivered is handed back to the pool a tick later.
  if (!options.force) await within(connections.filter((c) => !c.available).map((c) => event(c, 'available', 'close')));
  const idle = connections.filter((c) => c.available && c.connection);
  const closed = idle.map((c) => event(c, 'close'));
  for (const c of idle) {
    // Not handed another message while it says goodbye.
    c.available = false;
    c.connection!.quit();
  }
  if (idle.length > 0) await within(closed);
  if (options.force && typeof pool.close === 'function') pool.close({ force: true });
  else transport.close();
}
