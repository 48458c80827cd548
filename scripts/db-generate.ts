// Generates the Prisma client for each database. The schema's datasource
// reads DATABASE_URL and Prisma validates it against the provider, so each
// run gets a URL of its own kind; generation never connects.
import { prisma } from '../src/db/prisma-cli';
import { generateFixtureClients } from '../test/other-helpdesk/support/fixture-schema';

async function main() {
  // The tests' second helpdesk (a schema shaped unlike ours) needs its clients too, from a fresh clone on.
  const [, fixture] = await Promise.all([generateOwnClients(), generateFixtureClients()]);
  for (const line of fixture) console.log(line);
}

async function generateOwnClients() {
  for (const url of ['file:./data/helpdesk.db', 'postgresql://generate@localhost:5432/unused']) {
    const out = await prisma(['generate'], url);
    console.log(out.split('\n').find((l) => l.includes('Generated')) ?? out);
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
