import { Command } from 'commander';
import { runCommand } from './command';
import { terminalText } from './terminal-text';
import { ingestReports, ReportPathError } from '../src/bounces';
import { createPrismaClient } from '../src/db';

const program = new Command('bounces:ingest')
  .description(
    'Read bounce reports (RFC 3464 delivery-status notifications) and stop email to addresses that bounce.\n' +
      'Each path is a .eml file, a folder of .eml files, or a Maildir (its cur/ and new/ are read).\n' +
      'A bounce counts only when the report proves it answers an email sent from here to that address\n' +
      '(a signed BOUNCE_ADDRESS tag, or the email\'s Message-ID); others are recorded as ignored.',
  )
  .argument('<paths...>', '.eml files, folders or Maildirs')
  .option('--move-to <folder>', 'move each file read into this folder (created if missing; a name taken there gets a number)')
  .option('-q, --quiet', 'print only the summary')
  .parse();

void runCommand(async (config) => {
  const { moveTo, quiet } = program.opts<{ moveTo?: string; quiet?: boolean }>();
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const s = await ingestReports(prisma, program.args, {
      hardLimit: config.bounces.hardLimit,
      secretKey: config.unsubscribe.secretKey,
      maxBytes: config.bounces.maxReportBytes,
      moveTo,
      onFile: quiet ? undefined : (file, outcome) => console.log(terminalText(`${file}: ${outcome}`)),
      onWarning: (line) => console.error(terminalText(`warning: ${line}`)),
    });
    console.log(
      `${s.reports} report(s): ${s.hard} hard, ${s.soft} soft bounce(s) counted, ${s.ignored} ignored (not about an email sent from here); ` +
        `${s.skipped} skipped (not a bounce report); ${s.tooLarge} too large; ${s.duplicates} already recorded`,
    );
    console.log(s.nowBouncing.length === 0 ? 'no address started bouncing' : terminalText(`now bouncing: ${s.nowBouncing.join(', ')}`));
  } catch (error) {
    if (!(error instanceof ReportPathError)) throw error;
    console.error(terminalText(`error: ${error.message}`));
    return 1;
  } finally {
    await prisma.$disconnect();
  }
});
