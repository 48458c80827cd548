import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRET_KEY } from '../support/notifier-harness';
import { runScript } from '../support/run-script';

// No Redis needed: the settings are refused before anything connects. Every variable's checks are in
// test/config/load-config.test.ts; these show what someone starting a worker sees.
describe('DELIVERY=bullmq with bad settings', () => {
  it.each([
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL="localhost:6379" is not a Redis URL; expected redis://host:6379'],
    [{ OVERDUE_CRON: '0 25 * * *' }, 'OVERDUE_CRON="0 25 * * *" is not a cron pattern ('],
    [{ DELIVERY: 'redis' }, 'DELIVERY="redis" is not a delivery mode; expected one of embedded, worker, bullmq'],
  ])('npm run worker with %j exits 1 with one line naming the variable', async (env, expected) => {
    const r = await runScript('worker.ts', [], { DELIVERY: 'bullmq', ...env });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`error: Invalid configuration: ${expected}`);
    expect(r.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });
});

// Nothing listens on port 1: Redis is "down" for this command without stopping the real one.
describe('DELIVERY=bullmq with Redis unreachable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'no-redis-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm run worker -- --once exits 1 with one line naming Redis, its password masked', async () => {
    const r = await runScript('worker.ts', ['--once'], {
      DELIVERY: 'bullmq',
      REDIS_URL: 'redis://:s3cret@127.0.0.1:1',
      DATABASE_URL: `file:${join(dir, 'app.db')}`,
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'info',
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(lines).toEqual(['error: cannot reach Redis at redis://:***@127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)']);
    expect(r.stderr + r.stdout).not.toContain('s3cret');
  });
});
