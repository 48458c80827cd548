import { Command } from 'commander';
import { runCommand } from './command';
import { progressBar } from './progress-bar';
import { createTicketNotifier } from '../src/create-notifier';
import { createPrismaClient } from '../src/db';

const program = new Command('notify:overdue')
  .description(
    'Queue an overdue email to the assignee and the creator of every open ticket whose due date is before today (UTC). ' +
      'Safe to run often: each ticket gets at most one per recipient per day.',
  )
  .option('--dry-run', 'list what would be sent and send nothing')
  .option('--list', 'print one line per email queued (a dry run always does)')
  .option('--batch-size <n>', 'tickets read per query', (v) => Number.parseInt(v, 10), 500)
  .parse();

void runCommand(async (config) => {
  const { dryRun, list, batchSize } = program.opts<{ dryRun?: boolean; list?: boolean; batchSize: number }>();
  const prisma = createPrismaClient(config.databaseUrl);
  const notifier = createTicketNotifier({ prisma, config: { ...config, delivery: { ...config.delivery, mode: 'worker' } } });
  try {
    const now = new Date();
    const progress = progressBar('overdue tickets', process.stderr.isTTY ? await notifier.countOverdue(now) : 0);
    const run = await notifier.sendOverdueNotifications({ now, dryRun, batchSize, onBatch: progress.update });
    progress.finish();
    if (dryRun || list) {
      for (const q of run.queued) console.log(`${dryRun ? 'would send' : 'queued'}: ticket #${q.ticketId} → ${q.recipient}`);
    }
    console.log(
      `${run.tickets} overdue ticket(s) on ${run.day}; ${run.queued.length} email(s) ${dryRun ? 'would be queued (dry run: nothing sent)' : 'queued'}`,
    );
    // With the embedded default there is no separate worker: deliver now.
    if (!dryRun && config.delivery.mode === 'embedded') {
      const r = await notifier.drain();
      console.log(`sent ${r.sent}, retrying ${r.retrying}, failed ${r.failed}`);
    }
  } finally {
    await notifier.close();
    await prisma.$disconnect();
  }
});
