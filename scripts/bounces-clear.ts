import { Command } from 'commander';
import { runCommand } from './command';
import { terminalText } from './terminal-text';
import { clearBouncing } from '../src/bounces';
import { createPrismaClient } from '../src/db';

const program = new Command('bounces:clear')
  .description('Send email to these addresses again (their counters start from zero). Emails that failed meanwhile: npm run outbox:retry.')
  .argument('<addresses...>', 'email addresses')
  .parse();

void runCommand(async (config) => {
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const cleared = await clearBouncing(prisma, program.args);
    for (const address of cleared) console.log(terminalText(`cleared ${address}`));
    const unknown = program.args.map((a) => a.trim().toLowerCase()).filter((a) => !cleared.includes(a));
    for (const address of unknown) console.log(terminalText(`${address}: no bounces recorded; nothing to clear`));
  } finally {
    await prisma.$disconnect();
  }
});
