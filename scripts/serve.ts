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
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .parse();

void runCommand(async (config) => {
  const opts = program.opts<{ port?: number; host: string }>();
  const logger = createLogger(config.logLevel);
  const prisma = createPrismaClient(config.databaseUrl);
  if (config.unsubscribe.developmentKey) logger.warn('SECRET_KEY is not set: accepting links signed with the development key; set SECRET_KEY before sending real mail');
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
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? config.unsubscribe.servePort, opts.host, () => resolve());
    });
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : opts.port;
    // Tests and supervisors read this line for the port (--port 0 picks a free one).
    console.log(`listening on http://${opts.host}:${listening} (links point at ${config.unsubscribe.url}/unsubscribe)`);
    const signal = await stopped;
    logger.info({ signal }, 'serve stopping after the requests in hand');
    await closeServer(server);
  } finally {
    await prisma.$disconnect();
  }
});
