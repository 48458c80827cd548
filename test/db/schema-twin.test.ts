import { readFileSync } from 'node:fs';
import { toPostgresSchema } from '../../src/db/postgres-schema';
import { schemaPaths } from '../../src/db/schema-paths';

describe('the PostgreSQL schema', () => {
  it('is exactly the SQLite source with the provider swapped (run `npm run db:schemas` after editing the source)', () => {
    const source = readFileSync(schemaPaths('sqlite').schema, 'utf8');
    const twin = readFileSync(schemaPaths('postgresql').schema, 'utf8');
    expect(twin).toBe(toPostgresSchema(source));
  });

  it('keeps every model, enum and field of the source', () => {
    const source = readFileSync(schemaPaths('sqlite').schema, 'utf8');
    const twin = toPostgresSchema(source);
    const declarations = (s: string) => s.split('\n').filter((l) => /^(model|enum) /.test(l));
    expect(declarations(twin)).toEqual(declarations(source));
    expect(declarations(source).length).toBeGreaterThanOrEqual(8);
  });
});
