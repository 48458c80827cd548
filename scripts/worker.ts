import { Command } from 'commander';
import { runCommand } from './command';
import { createTicketNotifier } from '../src';
import { createPrismaClient } from '../src/db';

const program = new Command('worker')
  .description(
    'Deliver queued emails from the outbox until stopped. Run as many as you like: each row is sent by one of them. ' +
      'With DELIVERY=bullmq they send from the Redis queue and also run the overdue and digest schedules (OVERDUE_CRON, DIGEST_CRON).',
  )
  .option('--once', 'deliver what is due now, then exit')
  .parse();

void runCommand(async (config) => {
  const { once } = program.opts<{ once?: boolean }>();
  const prisma = createPrismaClient(config.databaseUrl);
  // This process only sends; it has no writes of its own to wake it. In bullmq mode it sends from the queue.
  const mode = config.delivery.mode === 'bullmq' ? 'bullmq' : 'worker';
  const notifier = createTicketNotifier({ prisma, config: { ...config, delivery: { ...config.delivery, mode } } });
  try {
    if (once) {
      const r = await notifier.drain();
      console.log(`sent ${r.sent}, retrying ${r.retrying}, failed ${r.failed}, dead ${r.dead}`);
      return;
    }
    // Listening first: a signal while the BullMQ workers start still stops the worker cleanly.
    const stopped = new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    if (notifier.bullmq) await notifier.bullmq.start();
    else notifier.dispatcher.start({ keepAlive: true });
    notifier.logger.info({ backend: config.email.backend, delivery: mode, pollIntervalMs: config.delivery.pollIntervalMs }, 'worker started');
    const signal = await stopped;
    notifier.logger.info({ signal }, 'worker stopping after the batch in hand');
  } finally {
    await notifier.close();
    await prisma.$disconnect();
  }
});
