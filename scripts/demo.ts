import { Command } from 'commander';
import { runCommand } from './command';
import { createPrismaClient, migrateDeploy } from '../src/db';
import { seed } from '../src/demo/seed';

new Command('demo').description('Migrate the embedded SQLite database and load seed data.').parse();

void runCommand(async (config) => {
  await migrateDeploy(config.databaseUrl);
  const prisma = createPrismaClient(config.databaseUrl);
  try {
    await seed(prisma);
    console.log(`database ready: ${config.databaseUrl}`);
  } finally {
    await prisma.$disconnect();
  }
});
