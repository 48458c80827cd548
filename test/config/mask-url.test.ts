import fc from 'fast-check';
import { loadConfig, maskUrl, type ConfigError } from '../../src/config';
import { DatabaseUrlError, parseDatabaseUrl } from '../../src/db';

describe('maskUrl', () => {
  it.each([
    // The password keeps every character the WHATWG parser gives it: up to the last @ of the user part.
    ['mysql://u:p@ssw0rd@h/db', 'mysql://u:***@h/db'],
    ['postgresql://u:p:ss@h:5432/db', 'postgresql://u:***@h:5432/db'],
    ['postgresql://u:p%40ss%2Fw%3Fd%23@h/db', 'postgresql://u:***@h/db'],
    ['postgresql://u:p%zz@h/db', 'postgresql://u:***@h/db'],
    ['redis://:p@ss@cache:6379/2', 'redis://:***@cache:6379/2'],
    ['rediss://default:s3cret@cache.internal:6380', 'rediss://default:***@cache.internal:6380'],
    ['mysql://u:p ss@h/db', 'mysql://u:***@h/db'],
    ['postgresql://u:@h/db', 'postgresql://u@h/db'],
    ['postgresql://app@db:5432/helpdesk', 'postgresql://app@db:5432/helpdesk'],
    ['postgresql://h/db?sslmode=require&password=s3cret', 'postgresql://h/db?sslmode=require&password=***'],
    ['https://help.example.com/tickets', 'https://help.example.com/tickets'],
    ['localhost:6379', 'localhost:6379'],
    ['file:./data/helpdesk.db', 'file:./data/helpdesk.db'],
    ['file:./data/a@b.db', 'file:./data/a@b.db'],
  ])('%s → %s', (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
  });

  // A password with an unencoded / ? or # ends the host early: the parser fails, or finds no user part
  // and an @ further on. What follows the scheme is hidden then.
  it.each([
    ['postgresql://u:pa/ss@h/db', 'postgresql://***'],
    ['postgresql://u:pa?ss@h/db', 'postgresql://***'],
    ['postgresql://u:pa#ss@h/db', 'postgresql://***'],
    ['postgresql://u:123?ss@h/db', 'postgresql://***'],
    ['postgresql://u:123#ss@h/db', 'postgresql://***'],
    ['redis//:hunter2@cache:6379', '***'],
    ['u:hunter2@h/db', 'u:***'],
    ['Helpdesk <hunter2@example.com>', '***'],
  ])('%s, unparsable or ambiguous → %s', (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
  });

  it('shows a string with no scheme and nothing that could hold a password as it is', () => {
    expect(maskUrl('help.example.com')).toBe('help.example.com');
  });

  it('never shows a password, whatever characters it holds', () => {
    const passwords = fc.string({ minLength: 6, maxLength: 24 }).filter((p) => /^[\x21-\x7e]+$/.test(p) && /[A-Za-z]{3}/.test(p));
    fc.assert(
      fc.property(passwords, fc.constantFrom('postgresql', 'redis', 'mysql'), fc.boolean(), (password, scheme, encoded) => {
        const secret = encoded ? encodeURIComponent(password) : password;
        const shown = maskUrl(`${scheme}://user:${secret}@db.internal:5432/app`);
        for (const part of [password, secret, encodeURIComponent(password)]) expect(shown).not.toContain(part);
      }),
      { numRuns: 500 },
    );
  });
});

describe('settings that show a URL', () => {
  it('DATABASE_URL refused by the parser and by the config show no part of the password', () => {
    const url = 'mysql://u:p@ssw0rd@h/db';
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow('DATABASE_URL="mysql://u:***@h/db" is not a supported database URL');
    let error: ConfigError | undefined;
    try {
      loadConfig({ DATABASE_URL: url });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.message).toContain('DATABASE_URL="mysql://u:***@h/db"');
    expect(error?.message).not.toContain('ssw0rd');
  });

  it('REDIS_URL with a password holding @ and :', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://:pa:ss@w0rd@cache:6379' })).toThrow('REDIS_URL="http://:***@cache:6379/" is not a Redis URL');
  });
});
