import { Command } from 'commander';
import { runCommand } from './command';
import { createPrismaClient, migrateDeploy } from '../src/db';
import { seed } from '../src/demo/seed';

const program = new Command('db:seed')
  .description('Apply the committed migrations, then load a few users, customers and tickets (no emails are sent).')
  .parse();

void runCommand(async (config) => {
  program.opts();
  await migrateDeploy(config.databaseUrl);
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    const { staff, customers } = await seed(prisma);
    console.log(`seeded ${staff.length} staff, ${customers.length} customers, ${await prisma.ticket.count()} tickets`);
  } finally {
    await prisma.$disconnect();
  }
});
