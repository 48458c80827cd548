import { existsSync } from 'node:fs';
import { config as dotenv } from 'dotenv';

/** Reads `.env` when there is one; variables already set in the environment win. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) dotenv({ path, quiet: true });
}
