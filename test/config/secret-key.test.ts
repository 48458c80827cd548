import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, secretKeyProblem } from '../../src/config';
import { DEVELOPMENT_SECRET_KEY, resolveSecretKey } from '../../src/config/secret-key';
import { TEST_SECRET_KEY } from '../support/notifier-harness';

const problemsOf = (env: Record<string, string>, options = {}) => {
  try {
    loadConfig(env, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('secretKeyProblem: at least 32 characters, 8 different ones, no short piece repeated, not the development key', () => {
  it.each([
    ['the tests’ key', TEST_SECRET_KEY],
    ['the benchmark’s key', 'bench-secret-key-0123456789abcdef0123456789abcdef'],
    ['openssl rand -hex 32', randomBytes(32).toString('hex')],
    ['openssl rand -hex 16 (32 characters)', 'c3f1a09e5b7d2468f0e1d2c3b4a59687'],
    ['openssl rand -base64 24', randomBytes(24).toString('base64')],
    ['exactly 8 different characters', 'abcdefgh'.repeat(3) + 'hgfedcba'],
    ['a repeat that stops short of half', 'abcdefghijklmnopq' + 'abcdefghijklmno'],
    ['unicode, counted by character', 'ключ-для-подписи-ссылок-отписки!'],
  ])('accepts %s', (_, key) => {
    expect(secretKeyProblem(key)).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the length', () => {
    // 8 emoji and 24 letters: 32 characters, 40 UTF-16 units.
    expect(secretKeyProblem('😀🔑🎲🧩🎯🪄🧪🧭abcdefghijklmnopqrstuvwx')).toBeNull();
    // 31 emoji are 62 UTF-16 units but 31 characters.
    expect(secretKeyProblem('😀🔑🎲🧩🎯🪄🧪🧭'.repeat(4).slice(0, 62))).toMatch(/^is too short/);
  });

  it.each([
    ['31 characters', 'c3f1a09e5b7d2468f0e1d2c3b4a5968', /^is too short; expected at least 32 characters \(make one with: openssl rand -hex 32\)$/],
    ['the empty string', '', /^is too short/],
    ['32 × "a"', 'a'.repeat(32), /^has too little variety \(1 different characters\); expected at least 8 different characters and no short piece repeated/],
    ['7 different characters', 'abcdefg'.repeat(4) + 'gfedcb', /^has too little variety \(7 different characters\)/],
    ['"password" × 4', 'password'.repeat(4), /^has too little variety \(7 different characters\)/],
    ['a piece repeated exactly', '0123456789abcdef'.repeat(2), /^has too little variety \(a piece of 16 characters repeated\)/],
    ['a piece repeated, cut short', 'abcdefghij'.repeat(3) + 'ab', /^has too little variety \(a piece of 10 characters repeated\)/],
    ['a piece of exactly half', 'abcdefghijklmnop'.repeat(2), /a piece of 16 characters repeated/],
    ['the development key', DEVELOPMENT_SECRET_KEY, /^is the development key, which is published in the source; expected a key of your own/],
  ])('refuses %s', (_, key, expected) => {
    expect(secretKeyProblem(key)).toMatch(expected);
  });

  it('never quotes the key', () => {
    for (const key of ['zq-secret', 'q'.repeat(40), 'qwertyui'.repeat(5), DEVELOPMENT_SECRET_KEY]) {
      expect(secretKeyProblem(key)).not.toContain(key.slice(-6));
    }
  });
});

describe('SECRET_KEY in the configuration', () => {
  it('a weak key is refused with any backend, by name and without its value', () => {
    for (const backend of ['console', 'smtp', 'ses', 'file', 'dummy']) {
      expect(problemsOf({ EMAIL_BACKEND: backend, SECRET_KEY: 'a'.repeat(32) })).toEqual([
        'SECRET_KEY=*** has too little variety (1 different characters); expected at least 8 different characters and no short piece repeated (make one with: openssl rand -hex 32)',
      ]);
      expect(problemsOf({ EMAIL_BACKEND: backend, SECRET_KEY: DEVELOPMENT_SECRET_KEY })[0]).toMatch(/^SECRET_KEY=\*\*\* is the development key/);
    }
  });

  it('unset, the development key stands in only for mail that stays on this machine, outside production, when no link is checked', () => {
    expect(resolveSecretKey('console', undefined)).toEqual({ key: DEVELOPMENT_SECRET_KEY, development: true });
    expect(resolveSecretKey('file', undefined, { production: false })).toEqual({ key: DEVELOPMENT_SECRET_KEY, development: true });
    expect(resolveSecretKey('smtp', undefined)).toHaveProperty('problem');
    expect(resolveSecretKey('console', undefined, { production: true })).toHaveProperty('problem');
    expect(resolveSecretKey('dummy', undefined, { production: false, requiredBy: 'npm run serve' })).toHaveProperty('problem');
    expect(resolveSecretKey('smtp', TEST_SECRET_KEY, { production: true, requiredBy: 'npm run serve' })).toEqual({ key: TEST_SECRET_KEY, development: false });
  });

  it('is required by a command that checks links, whatever the backend, in one line naming the command', () => {
    expect(problemsOf({}, { secretKeyRequiredBy: 'npm run serve' })).toEqual([
      'SECRET_KEY (unset) is required by npm run serve: it checks the signature of every unsubscribe link, and with the published development key anyone could forge one; expected at least 32 characters (make one with: openssl rand -hex 32)',
    ]);
    expect(loadConfig({ SECRET_KEY: TEST_SECRET_KEY }, { secretKeyRequiredBy: 'npm run serve' }).unsubscribe).toMatchObject({ secretKey: TEST_SECRET_KEY, developmentKey: false });
  });

  it('is required with NODE_ENV=production, whatever the backend', () => {
    for (const backend of ['console', 'file', 'dummy']) {
      expect(problemsOf({ EMAIL_BACKEND: backend, NODE_ENV: 'production' })).toEqual([
        'SECRET_KEY (unset) is required with NODE_ENV=production: it signs the unsubscribe links in every email; expected at least 32 characters (make one with: openssl rand -hex 32)',
      ]);
    }
    expect(problemsOf({ NODE_ENV: ' production ' })[0]).toMatch(/NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: TEST_SECRET_KEY }).unsubscribe.developmentKey).toBe(false);
    // Other values of NODE_ENV change nothing.
    expect(loadConfig({ NODE_ENV: 'development' }).unsubscribe.developmentKey).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).unsubscribe.developmentKey).toBe(true);
  });
});
