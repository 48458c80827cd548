import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

// TypeScript and TSX run through SWC (no type checking here: `npm run typecheck` does that).
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Most test files spend their time waiting on SMTP, the database, Redis and child processes, not on
  // the CPU: two files at a time pay off even on a two-core machine, where Jest's default runs one.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};

export default config;
