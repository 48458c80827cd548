import { ConfigError, loadConfig, loadEnvFile, type Config, type LoadOptions } from '../src/config';
import { DatabaseUrlError } from '../src/db';

/**
 * Every command starts here: read .env, validate the environment, run. A bad
 * setting prints one line naming the variable and exits 1, with no stack trace.
 */
export async function runCommand(main: (config: Config) => Promise<number | void>, options: LoadOptions = {}): Promise<void> {
  try {
    loadEnvFile();
    const code = await main(loadConfig(process.env, options));
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseUrlError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
