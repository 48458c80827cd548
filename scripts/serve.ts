import { Command, InvalidArgumentError } from 'commander';
import { runCommand } from './command';
import { createPrismaClient } from '../src/db';
import { createLogger } from '../src/logging';
import { closeServer, createUnsubscribeServer } from '../src/unsubscribe';

const port = (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
};

const program = new Command('serve')
  .description(
    'Serve the one-click unsubscribe endpoint (GET shows a page, POST unsubscribes) and /healthz, until SIGTERM/SIGINT. ' +
      'Put it behind your HTTPS proxy at UNSUBSCRIBE_URL.',
  )
  .option('--port <port>', 'port to listen on (default: SERVE_PORT, 3025)', port)
  .option('--host <host>', 'address to listen on (default: SERVE_HOST, 127.0.0.1; 0.0.0.0 for every interface)')
  .parse();

// An IPv6 address needs brackets in a URL.
const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

void runCommand(async (config) => {
  const opts = program.opts<{ port?: number; host?: string }>();
  const host = opts.host ?? config.unsubscribe.serveHost;
  const listenPort = opts.port ?? config.unsubscribe.servePort;
  const logger = createLogger(config.logLevel);
  const prisma = createPrismaClient(config.databaseUrl);
  const server = createUnsubscribeServer({
    prisma,
    logger,
    secretKey: config.unsubscribe.secretKey,
    baseUrl: config.unsubscribe.url,
    defaultLocale: config.notifications.defaultLocale,
    brand: config.brand,
  });
  try {
    const stopped = new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    const failed = await new Promise<Error | null>((resolve) => {
      server.once('error', resolve);
      server.listen(listenPort, host, () => resolve(null));
    });
    if (failed) {
      console.error(`error: cannot listen on ${urlHost(host)}:${listenPort}: ${failed.message} (set SERVE_HOST and SERVE_PORT, or --host and --port)`);
      return 1;
    }
    const address = server.address();
    const listening = typeof address === 'object' && address ? `${urlHost(address.address)}:${address.port}` : `${urlHost(host)}:${listenPort}`;
    // Tests and supervisors read this line for the port (--port 0 picks a free one).
    console.log(`listening on http://${listening} (links point at ${config.unsubscribe.url}/unsubscribe)`);
    const signal = await stopped;
    logger.info({ signal }, 'serve stopping after the requests in hand');
    await closeServer(server);
  } finally {
    await prisma.$disconnect();
  }
}, { secretKeyRequiredBy: 'npm run serve' });
