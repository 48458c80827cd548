import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { envSchema } from '../../src/config/env-schema';
import { loadConfig } from '../../src/config';

const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('lists every variable the project reads, and nothing else', () => {
    expect(Object.keys(parse(example)).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('is a valid configuration as it stands, equal to the defaults', () => {
    expect(loadConfig(parse(example))).toEqual(loadConfig({}));
  });
});
