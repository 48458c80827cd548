import { Command } from 'commander';
import { runCommand } from './command';
import { createTicketNotifier } from '../src';
import { createPrismaClient, migrateDeploy } from '../src/db';
import { createLogger } from '../src/logging';
import { readableLog } from '../src/demo/readable-log';
import { countEmailsSince, lastOutboxId, summaryLines } from '../src/demo/run-summary';
import { runScenario } from '../src/demo/scenario';
import { seed } from '../src/demo/seed';

new Command('demo')
  .description(
    'Migrate the database (SQLite file by default), load seed data, then walk one ticket through every notification, ' +
      'printing each email with the console backend.',
  )
  .parse();

void runCommand(async (config) => {
  console.log(`database: ${config.databaseUrl}`);
  await migrateDeploy(config.databaseUrl);
  const prisma = createPrismaClient(config.databaseUrl);
  // The demo always prints: it must not send real mail whatever .env says.
  const demoConfig = { ...config, email: { ...config.email, backend: 'console' as const }, delivery: { ...config.delivery, mode: 'worker' as const } };
  // Warnings (and whatever LOG_LEVEL asks for) as lines for people, not JSON.
  const notifier = createTicketNotifier({
    prisma,
    config: demoConfig,
    logger: createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', readableLog()),
  });
  try {
    const people = await seed(prisma);
    console.log(`seed data ready: ${people.staff.length} staff and ${people.customers.length} customers`);
    // Earlier runs' emails stay in the database; this run reports its own.
    const before = await lastOutboxId(prisma);
    await runScenario(notifier, people, (line) => console.log(line));
    console.log(['', ...summaryLines(await countEmailsSince(prisma, before))].join('\n'));
    console.log(`\nThe HTML version of each email is in ${config.email.filePath}/html/ (its HTML: line above names the file); open them in a browser.`);
  } finally {
    await notifier.close();
    await prisma.$disconnect();
  }
});
