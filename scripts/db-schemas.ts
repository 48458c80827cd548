// Writes the PostgreSQL twin, prisma/postgresql/schema/, from prisma/schema/.
import { toPostgresSchema } from '../src/db/postgres-schema';
import { readSchemaFiles, schemaPaths, writeSchemaFiles } from '../src/db/schema-paths';

const target = schemaPaths('postgresql').schema;
writeSchemaFiles(target, toPostgresSchema(readSchemaFiles(schemaPaths('sqlite').schema)));
console.log(`wrote ${target}`);
