import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLogger, type Logger } from '../../src/logging';
import { closeServer, createUnsubscribeServer } from '../../src/unsubscribe';
import type { Harness } from '../support/notifier-harness';
import { TEST_SECRET_KEY } from '../support/notifier-harness';
import type { TicketNotifier } from '../../src';

export interface Running {
  server: Server;
  baseUrl: string;
  /** A notifier whose links point at this server. */
  notifier: TicketNotifier;
  close(): Promise<void>;
}

/** The unsubscribe endpoint on a free port, over the harness's database, and a notifier linking to it. */
export async function startUnsubscribeServer(h: Harness, logger: Logger = createLogger('silent')): Promise<Running> {
  const server = createUnsubscribeServer({
    prisma: h.db.prisma,
    logger,
    secretKey: TEST_SECRET_KEY,
    baseUrl: 'http://127.0.0.1',
    defaultLocale: 'en',
    brand: { name: 'Helpdesk', color: '#2563eb' },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const notifier = h.makeNotifier({ UNSUBSCRIBE_URL: baseUrl, UNSUBSCRIBE_MAILTO: 'unsubscribe@helpdesk.test' });
  return { server, baseUrl, notifier, close: () => closeServer(server) };
}

/** The List-Unsubscribe header of a raw message, unfolded. */
export function listUnsubscribe(raw: string): { url: string; mailto: string } {
  const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = /^List-Unsubscribe: (.*)$/im.exec(headers)?.[1];
  if (!line) throw new Error('no List-Unsubscribe header');
  const [url, mailto] = [...line.matchAll(/<([^>]+)>/g)].map((m) => m[1]);
  return { url, mailto };
}
