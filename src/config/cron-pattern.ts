import { createRequire } from 'node:module';

interface CronParser {
  CronExpressionParser: { parse(pattern: string, options: { tz: string }): { next(): unknown } };
}

let parser: CronParser | undefined;

// The cron parser bullmq's job scheduler resolves, loaded from bullmq's own
// location: a pattern accepted here is exactly one the scheduler accepts, and
// no second copy of the parser can drift from it. Loaded on first use only.
function bullmqCronParser(): CronParser {
  parser ??= createRequire(require.resolve('bullmq'))('cron-parser') as CronParser;
  return parser;
}

/** Null when the job scheduler can run `pattern` (in UTC), or the parser's reason. */
export function cronProblem(pattern: string): string | null {
  try {
    bullmqCronParser().CronExpressionParser.parse(pattern, { tz: 'UTC' }).next();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
