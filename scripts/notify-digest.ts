import { Command } from 'commander';
import { runCommand } from './command';
import { createTicketNotifier } from '../src/create-notifier';
import { createPrismaClient } from '../src/db';

const program = new Command('notify:digest')
  .description(
    'Queue one daily summary email per staff member who chose digests, covering every email held for them until now. ' +
      'Safe to run at any time: each held email goes into one digest, and a run with nothing held queues nothing.',
  )
  .option('--dry-run', 'list the digests that would be queued and change nothing')
  .option('--list', 'print one line per digest queued (a dry run always does)')
  .parse();

void runCommand(async (config) => {
  const { dryRun, list } = program.opts<{ dryRun?: boolean; list?: boolean }>();
  const prisma = createPrismaClient(config.databaseUrl);
  const notifier = createTicketNotifier({ prisma, config: { ...config, delivery: { ...config.delivery, mode: 'worker' } } });
  try {
    const run = await notifier.sendDigests({ dryRun });
    if (dryRun || list) {
      for (const d of run.queued) {
        console.log(`${dryRun ? 'would send' : 'queued'}: ${d.recipient}: ${d.updates} update(s) on ${d.tickets} ticket(s)`);
      }
    }
    for (const s of run.skipped) console.log(`left held: user ${s.userId} (${s.reason.replace('_', ' ')})`);
    console.log(`${run.queued.length} digest(s) ${dryRun ? 'would be queued (dry run: nothing sent)' : 'queued'} on ${run.day}`);
    // With the embedded default there is no separate worker: deliver now.
    if (!dryRun && config.delivery.mode === 'embedded' && run.queued.length > 0) {
      const r = await notifier.drain();
      console.log(`sent ${r.sent}, retrying ${r.retrying}, failed ${r.failed}`);
    }
    // A person whose digest failed keeps their emails held; say so in the exit code for cron.
    return run.skipped.some((s) => s.reason === 'error') ? 1 : 0;
  } finally {
    await notifier.close();
    await prisma.$disconnect();
  }
});
