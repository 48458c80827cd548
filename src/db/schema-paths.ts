import { join } from 'node:path';
import type { Provider } from './database-url';

const root = join(__dirname, '..', '..', 'prisma');

/** Where each provider's schema and migrations live. SQLite's schema is the source; PostgreSQL's is generated from it. */
export function schemaPaths(provider: Provider) {
  const dir = provider === 'sqlite' ? root : join(root, 'postgresql');
  return { schema: join(dir, 'schema.prisma'), migrations: join(dir, 'migrations') };
}
