// Prisma's CLI reads this file. The JavaScript schema engine talks to the
// database through the same driver adapter the app uses, so `migrate deploy`
// and `migrate status` need no native engine download.
import { defineConfig } from 'prisma/config';
import { loadEnvFile } from './src/config/load-env-file';
import { parseDatabaseUrl } from './src/db/database-url';
import { createMigrationAdapter } from './src/db/create-migration-adapter';
import { schemaPaths } from './src/db/schema-paths';
import { DEFAULT_DATABASE_URL } from './src/config/defaults';

loadEnvFile();
// The schema's datasource reads DATABASE_URL; give it the same default the app uses.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
const target = parseDatabaseUrl(process.env.DATABASE_URL);
const paths = schemaPaths(target.provider);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: paths.schema,
  migrations: { path: paths.migrations },
  adapter: async () => createMigrationAdapter(target),
});
