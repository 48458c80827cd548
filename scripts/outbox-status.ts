import { Command } from 'commander';
import { runCommand } from './command';
import { terminalText } from './terminal-text';
import { createPrismaClient } from '../src/db';
import { countByStatus, recentProblems } from '../src/outbox';
import { countChanges, setAsideChanges } from '../src/events';

const program = new Command('outbox:status')
  .description('Show how many emails are in each state, and the latest errors.')
  .option('--errors <n>', 'how many recent errors to show', (v) => Number.parseInt(v, 10), 10)
  .parse();

void runCommand(async (config) => {
  const { errors } = program.opts<{ errors: number }>();
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const counts = await countByStatus(prisma);
    for (const [status, n] of Object.entries(counts)) console.log(`${status.padEnd(8)} ${n}`);
    // Writes whose emails are not planned yet: a sender plans them before its next round.
    const changes = await countChanges(prisma);
    console.log(`\nwrites to plan ${changes.waiting}${changes.setAside > 0 ? `, set aside after planning failed ${changes.setAside}` : ''}`);
    for (const c of await setAsideChanges(prisma, errors)) console.log(terminalText(`write #${c.id} of ${c.createdAt.toISOString()}: ${c.lastError}`));
    // Loaded only in this mode, like the notifier does: bullmq is slow to load.
    if (config.delivery.mode === 'bullmq') console.log(`\n${await (await import('../src/bullmq/queue-status')).queueStatus(config)}`);
    const problems = await recentProblems(prisma, errors);
    if (problems.length > 0) console.log('\nlatest errors:');
    for (const p of problems) {
      const when = p.status === 'pending' ? ` (retry at ${p.nextAttemptAt.toISOString()})` : '';
      // lastError can quote a bounce report (address is bouncing (…; last: <diagnostic>)).
      console.log(terminalText(`#${p.id} ${p.status}${when} ${p.event} ticket ${p.ticketId ?? '-'} → ${p.recipientEmail}, ${p.attempts} attempt(s): ${p.lastError}`));
    }
  } finally {
    await prisma.$disconnect();
  }
});
