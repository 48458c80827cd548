import './production';
import { createTicketNotifier } from '../../src/create-notifier';
import { createPrismaClient } from '../../src/db';
import { benchConfig } from './notifier-config';

// One overdue run in a process of its own, so its peak memory is its own.
async function main() {
  // Before any work, with the modules loaded: the runtime's share of the peak below.
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const url = process.env.DATABASE_URL!;
  const prisma = createPrismaClient(url);
  const notifier = createTicketNotifier({ prisma, config: benchConfig(url) });
  try {
    const t = performance.now();
    const run = await notifier.sendOverdueNotifications();
    const seconds = (performance.now() - t) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ seconds, startRssMb, peakRssMb, tickets: run.tickets, queued: run.queued.length }));
  } finally {
    await notifier.close();
    await prisma.$disconnect();
  }
}
void main();
