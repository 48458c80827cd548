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

describe('notifier.prisma, the file an adopting app copies', () => {
  const notifier = () => source()['notifier.prisma'];
  const helpdesk = () => source()['helpdesk.prisma'];

  it('holds only the notifier’s own models, none of the host app’s', () => {
    const declared = (text: string) => [...text.matchAll(/^(?:model|enum) (\w+)/gm)].map((m) => m[1]);
    const hostModels = declared(helpdesk());
    const fieldTypes = [...notifier().matchAll(/^\s+\w+\s+(\w+)/gm)].map((m) => m[1]);
    expect(declared(notifier())).toEqual(expect.arrayContaining(['EmailOutbox', 'NotificationPreference', 'Brand']));
    expect(fieldTypes.filter((type) => hostModels.includes(type))).toEqual([]);
    expect(helpdesk()).not.toMatch(/\b(EmailOutbox|NotificationPreference|Brand|SkippedNotification)\b/);
  });
});
