import { Command } from 'commander';
import { runCommand } from './command';
import { migrateDeploy } from '../src/db';

new Command('db:migrate').description('Apply the committed migrations to DATABASE_URL (prisma migrate deploy).').parse();

void runCommand(async (config) => {
  const out = await migrateDeploy(config.databaseUrl);
  console.log(out.split('\n').filter((l) => /migration|applied|up to date/i.test(l)).join('\n') || out);
});
