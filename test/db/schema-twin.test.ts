import { toPostgresSchema } from '../../src/db/postgres-schema';
import { readSchemaFiles, schemaPaths } from '../../src/db/schema-paths';

const source = () => readSchemaFiles(schemaPaths('sqlite').schema);

describe('the PostgreSQL schema', () => {
  it('is exactly the SQLite source with the provider swapped (run `npm run db:schemas` after editing the source)', () => {
    const twin = readSchemaFiles(schemaPaths('postgresql').schema);
    expect(twin).toEqual(toPostgresSchema(source()));
  });

  it('keeps every file, model, enum and field of the source', () => {
    const twin = toPostgresSchema(source());
    const declarations = (files: Record<string, string>) =>
      Object.entries(files).map(([name, text]) => [name, text.split('\n').filter((l) => /^(model|enum) /.test(l))]);
    expect(declarations(twin)).toEqual(declarations(source()));
    expect(declarations(source()).flatMap(([, d]) => d).length).toBeGreaterThanOrEqual(8);
  });
});
