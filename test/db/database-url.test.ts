import { resolve } from 'node:path';
import { DatabaseUrlError, parseDatabaseUrl } from '../../src/db';

describe('parseDatabaseUrl', () => {
  it('routes file: to SQLite, resolving the path from the working directory', () => {
    expect(parseDatabaseUrl('file:./data/x.db', '/srv/app')).toEqual({ provider: 'sqlite', file: resolve('/srv/app/data/x.db') });
    expect(parseDatabaseUrl('file:/abs/y.db')).toEqual({ provider: 'sqlite', file: '/abs/y.db' });
  });

  it('routes postgres:// and postgresql:// to PostgreSQL and lifts ?schema= out of the connection string', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({
      provider: 'postgresql',
      connectionString: 'postgres://u@h:5432/db',
      schema: undefined,
    });
    expect(parseDatabaseUrl('postgresql://u@h/db?schema=tenant&sslmode=require')).toEqual({
      provider: 'postgresql',
      connectionString: 'postgresql://u@h/db?sslmode=require',
      schema: 'tenant',
    });
  });

  it.each(['mysql://root@h/db', 'sqlite:./x.db', 'file:', '', 'postgres://'])('refuses %j with an error naming DATABASE_URL', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(/^DATABASE_URL=/);
  });

  it('never prints a password from the URL', () => {
    expect(() => parseDatabaseUrl('mssql://sa:secret@h/db')).toThrow(/sa:\*\*\*@/);
  });
});
