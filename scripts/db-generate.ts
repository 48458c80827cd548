// Generates the Prisma client for each database. The schema's datasource
// reads DATABASE_URL and Prisma validates it against the provider, so each
// run gets a URL of its own kind; generation never connects.
import { prisma } from '../src/db/prisma-cli';

async function main() {
  for (const url of ['file:./data/helpdesk.db', 'postgresql://generate@localhost:5432/unused']) {
    const out = await prisma(['generate'], url);
    console.log(out.split('\n').find((l) => l.includes('Generated')) ?? out);
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
