// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { toPostgresSchema } from '../src/db/postgres-schema';
import { schemaPaths } from '../src/db/schema-paths';

const source = readFileSync(schemaPaths('sqlite').schema, 'utf8');
const target = schemaPaths('postgresql').schema;
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, toPostgresSchema(source));
console.log(`wrote ${target}`);
