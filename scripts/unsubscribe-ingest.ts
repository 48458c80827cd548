import { Command } from 'commander';
import { runCommand } from './command';
import { terminalText } from './terminal-text';
import { ReportPathError } from '../src/bounces';
import { createPrismaClient } from '../src/db';
import { applyMailedRequests } from '../src/unsubscribe/mailed-requests';

const program = new Command('unsubscribe:ingest')
  .description(
    'Apply the unsubscribe requests mailed to UNSUBSCRIBE_MAILTO (the mailto: form of List-Unsubscribe).\n' +
      'Each path is a .eml file, a folder of .eml files, or a Maildir (its cur/ and new/ are read).',
  )
  .argument('<paths...>', '.eml files, folders or Maildirs')
  .option('-q, --quiet', 'print only the summary')
  .parse();

void runCommand(async (config) => {
  const { quiet } = program.opts<{ quiet?: boolean }>();
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const c = await applyMailedRequests(prisma, program.args, config.unsubscribe.secretKey, quiet ? undefined : (file, outcome) => console.log(terminalText(`${file}: ${outcome}`)));
    const refused = c.malformed + c.bad_signature + c.expired;
    console.log(`${c.unsubscribed} unsubscribed; ${refused} refused (tampered or expired link); ${c.no_token} without a token; ${c.mandatory} asked for an email that cannot be turned off alone`);
  } catch (error) {
    if (!(error instanceof ReportPathError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}, { secretKeyRequiredBy: 'npm run unsubscribe:ingest' });
