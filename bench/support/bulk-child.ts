import './production';
import { createTicketNotifier } from '../../src/create-notifier';
import type { AppPrismaClient } from '../../src/db';
import { benchConfig } from './notifier-config';
import { loggedPrismaClient, statementsOf } from './statement-log';

// One bulk update in a process of its own, so the peak memory it reports is that update's (and the
// runtime's, reported apart as the memory before the call).
// argv: bare|notifying, warm-up ticket id, first and last id of the tickets to change.

const mb = (bytes: number) => bytes / 2 ** 20;

async function main() {
  const [mode, warm, lo, hi] = [process.argv[2], ...process.argv.slice(3, 6).map(Number)];
  const url = process.env.DATABASE_URL!;
  const logged = loggedPrismaClient(url);
  const notifier = mode === 'notifying' ? createTicketNotifier({ prisma: logged.prisma, config: benchConfig(url) }) : null;
  const client = (notifier?.client ?? logged.prisma) as AppPrismaClient;
  // The same call, `where` and all, once on a ticket of its own: the connection is open, the query
  // planned and the notifier's key read before the measured call starts.
  const change = (from: number, to: number) =>
    client.ticket.updateMany({ where: { id: { gte: from, lte: to }, status: 'open' }, data: { status: 'in_progress' } });
  try {
    await change(warm, warm);
    await notifier?.planChanges();
    const rowsBefore = await logged.prisma.emailOutbox.count();
    const rssBeforeMb = mb(process.memoryUsage().rss);
    const peakRssBeforeMb = process.resourceUsage().maxRSS / 1024;
    const t = performance.now();
    let changed = 0;
    const statements = await statementsOf(logged, async () => {
      changed = (await change(lo, hi)).count;
    });
    const seconds = (performance.now() - t) / 1000;
    // Kilobytes on Linux: the most the process has held, the call included.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // The emails are planned after the commit, off the write's path: timed apart.
    const p = performance.now();
    await notifier?.planChanges();
    const planSeconds = notifier ? (performance.now() - p) / 1000 : 0;
    const peakRssPlannedMb = process.resourceUsage().maxRSS / 1024;
    const queued = (await logged.prisma.emailOutbox.count()) - rowsBefore;
    process.stdout.write(JSON.stringify({ seconds, changed, statements: statements.length, queued, planSeconds, rssBeforeMb, peakRssBeforeMb, peakRssMb, peakRssPlannedMb }));
  } finally {
    await notifier?.close();
    await logged.prisma.$disconnect();
    await logged.close();
  }
}
void main();
