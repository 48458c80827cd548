import { Command } from 'commander';
import { runCommand } from './command';
import { createTicketNotifier } from '../src';
import { createPrismaClient, migrateDeploy } from '../src/db';
import { createLogger } from '../src/logging';
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
  const notifier = createTicketNotifier({
    prisma,
    config: demoConfig,
    logger: createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn'),
  });
  try {
    const people = await seed(prisma);
    console.log(`seeded ${people.staff.length} staff and ${people.customers.length} customers`);
    await runScenario(notifier, people, (line) => console.log(line));
    const rows = await prisma.emailOutbox.groupBy({ by: ['event', 'status'], _count: { _all: true }, orderBy: { event: 'asc' } });
    console.log('\nEmails in the outbox, by event:');
    for (const r of rows) console.log(`  ${r.event.padEnd(16)} ${r.status.padEnd(8)} ${r._count._all}`);
    console.log(`\nHTML versions are in ${config.email.filePath}/html/ — open them in a browser.`);
  } finally {
    await notifier.close();
    await prisma.$disconnect();
  }
});
