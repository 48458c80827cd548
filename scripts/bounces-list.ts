import { Command } from 'commander';
import { runCommand } from './command';
import { terminalText } from './terminal-text';
import { listBouncing } from '../src/bounces';
import { createPrismaClient } from '../src/db';

new Command('bounces:list').description('List the addresses that get no email because they bounce.').parse();

void runCommand(async (config) => {
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const rows = await listBouncing(prisma);
    if (rows.length === 0) console.log('no bouncing addresses');
    for (const r of rows) {
      const when = r.lastBounceAt ? r.lastBounceAt.toISOString() : '-';
      console.log(terminalText(`${r.address}  ${r.hardBounces} hard, ${r.softBounces} soft, last ${when}: ${r.lastDiagnostic ?? ''}`));
    }
  } finally {
    await prisma.$disconnect();
  }
});
