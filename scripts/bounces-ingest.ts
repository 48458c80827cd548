import { Command } from 'commander';
import { runCommand } from './command';
import { ingestReports, ReportPathError } from '../src/bounces';
import { createPrismaClient } from '../src/db';

const program = new Command('bounces:ingest')
  .description(
    'Read bounce reports (RFC 3464 delivery-status notifications) and stop email to addresses that bounce.\n' +
      'Each path is a .eml file, a folder of .eml files, or a Maildir (its cur/ and new/ are read).',
  )
  .argument('<paths...>', '.eml files, folders or Maildirs')
  .option('--move-to <folder>', 'move each file read into this folder (created if missing)')
  .option('-q, --quiet', 'print only the summary')
  .parse();

void runCommand(async (config) => {
  const { moveTo, quiet } = program.opts<{ moveTo?: string; quiet?: boolean }>();
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const s = await ingestReports(prisma, program.args, {
      hardLimit: config.bounces.hardLimit,
      moveTo,
      onFile: quiet ? undefined : (file, outcome) => console.log(`${file}: ${outcome}`),
    });
    console.log(
      `${s.reports} report(s): ${s.hard} hard, ${s.soft} soft bounce(s); ${s.skipped} skipped (not a bounce report); ${s.duplicates} already recorded`,
    );
    console.log(s.nowBouncing.length === 0 ? 'no address started bouncing' : `now bouncing: ${s.nowBouncing.join(', ')}`);
  } catch (error) {
    if (!(error instanceof ReportPathError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
});
