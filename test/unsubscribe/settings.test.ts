import { ConfigError, loadConfig } from '../../src/config';
import { DEVELOPMENT_SECRET_KEY } from '../../src/config/secret-key';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('unsubscribe settings', () => {
  it('default to a development key, the serve port and the sender’s domain', () => {
    const c = loadConfig({ DEFAULT_FROM_EMAIL: 'Support <help@Example.COM>' });
    expect(c.unsubscribe).toEqual({
      secretKey: DEVELOPMENT_SECRET_KEY,
      developmentKey: true,
      tokenDays: 90,
      url: 'http://localhost:3025',
      mailto: 'unsubscribe@example.com',
      servePort: 3025,
      serveHost: '127.0.0.1',
    });
    expect(loadConfig({ SERVE_PORT: '8080' }).unsubscribe.url).toBe('http://localhost:8080');
  });

  it('read every variable', () => {
    const c = loadConfig({
      EMAIL_BACKEND: 'smtp',
      SECRET_KEY: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      UNSUBSCRIBE_TOKEN_DAYS: '30',
      UNSUBSCRIBE_URL: 'https://mail.example.com/helpdesk/',
      UNSUBSCRIBE_MAILTO: 'optout@example.com',
      SERVE_PORT: '4000',
      SERVE_HOST: '::',
    });
    expect(c.unsubscribe).toEqual({
      secretKey: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      developmentKey: false,
      tokenDays: 30,
      url: 'https://mail.example.com/helpdesk',
      mailto: 'optout@example.com',
      servePort: 4000,
      serveHost: '::',
    });
  });

  it.each(['smtp', 'ses'])('require SECRET_KEY with EMAIL_BACKEND=%s, saying how to make one', (backend) => {
    expect(problemsOf({ EMAIL_BACKEND: backend })).toEqual([
      `SECRET_KEY (unset) is required with EMAIL_BACKEND=${backend}: it signs the unsubscribe links in every email; expected at least 32 characters (make one with: openssl rand -hex 32)`,
    ]);
    expect(problemsOf({ EMAIL_BACKEND: backend, SECRET_KEY: '  ' })[0]).toMatch(/^SECRET_KEY \*\*\* is required|^SECRET_KEY \(unset\) is required/);
  });

  it.each(['console', 'file', 'dummy'])('need no SECRET_KEY with EMAIL_BACKEND=%s', (backend) => {
    expect(loadConfig({ EMAIL_BACKEND: backend }).unsubscribe.developmentKey).toBe(true);
  });

  it('name a bad value without showing the key', () => {
    expect(problemsOf({ SECRET_KEY: 'short-secret' })).toEqual(['SECRET_KEY=*** is too short; expected at least 32 characters (make one with: openssl rand -hex 32)']);
    expect(problemsOf({ UNSUBSCRIBE_TOKEN_DAYS: '0' })[0]).toMatch(/^UNSUBSCRIBE_TOKEN_DAYS="0" is out of range; expected a number of days/);
    expect(problemsOf({ UNSUBSCRIBE_URL: 'mail.example.com' })[0]).toMatch(/^UNSUBSCRIBE_URL="mail.example.com" is not an http\(s\) URL/);
    expect(problemsOf({ UNSUBSCRIBE_MAILTO: 'Opt out <o@example.com>' })[0]).toMatch(/^UNSUBSCRIBE_MAILTO=.* is not a bare email address/);
    expect(problemsOf({ SERVE_PORT: 'http' })[0]).toMatch(/^SERVE_PORT="http" is not a whole number/);
  });
});
