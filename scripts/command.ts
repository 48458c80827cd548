import { ConfigError, loadConfig, loadEnvFile, maskUrl, type Config, type LoadOptions } from '../src/config';
import { DatabaseUrlError, describeDatabaseFailure } from '../src/db';

/**
 * What stopped a command, in one line, when it is the setup's fault rather
 * than ours: a bad setting, a database or Redis that cannot be reached or is
 * not ready. Null for anything else, which keeps its stack trace: that is a bug.
 */
async function startupProblem(error: unknown, config: Config | null): Promise<string | null> {
  if (error instanceof ConfigError || error instanceof DatabaseUrlError) return error.message;
  // By name: the class lives with the BullMQ code, which a command without DELIVERY=bullmq never loads.
  if ((error as Error)?.name === 'RedisUnavailableError' && config) {
    return `cannot reach Redis at ${maskUrl(config.bullmq.redisUrl)} (${(error as Error).message})`;
  }
  return describeDatabaseFailure(error, config?.databaseUrl ?? process.env.DATABASE_URL ?? '');
}

/**
 * Every command starts here: read .env, validate the environment, run. A bad
 * setting, or a database or Redis that is not there, prints one line naming
 * it and exits 1, with no stack trace.
 */
export async function runCommand(main: (config: Config) => Promise<number | void>, options: LoadOptions = {}): Promise<void> {
  let config: Config | null = null;
  try {
    loadEnvFile();
    config = loadConfig(process.env, options);
    const code = await main(config);
    process.exitCode = code ?? 0;
  } catch (error) {
    const problem = await startupProblem(error, config);
    if (problem === null) throw error;
    console.error(`error: ${problem}`);
    process.exitCode = 1;
  }
}
