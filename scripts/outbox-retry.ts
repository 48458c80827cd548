import { Command, InvalidArgumentError } from 'commander';
import { runCommand } from './command';
import { createPrismaClient } from '../src/db';
import { requeueRows } from '../src/outbox';

const program = new Command('outbox:retry')
  .description('Put failed or dead emails back in the queue, due now (the worker or the app sends them).')
  .option('--id <ids...>', 'outbox row ids', (v: string, all: number[] = []) => {
    const n = Number.parseInt(v, 10);
    if (!Number.isInteger(n) || String(n) !== v) throw new InvalidArgumentError('expected whole-number outbox row ids');
    return [...all, n];
  })
  .option('--all-failed', 'every failed or dead row')
  .parse();

void runCommand(async (config) => {
  const { id, allFailed } = program.opts<{ id?: number[]; allFailed?: boolean }>();
  if (!id && !allFailed) {
    console.error('error: say which rows: --id 12 13 or --all-failed');
    return 2;
  }
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const count = await requeueRows(prisma, id ? { ids: id } : { allFailed: true });
    console.log(`re-queued ${count} email(s)`);
  } finally {
    await prisma.$disconnect();
  }
});
