import '../support/production';
import { createTicketNotifier } from '../../src';
import { createPrismaClient } from '../../src/db';
import { benchConfig } from '../support/notifier-config';
import { startPeerRunner } from './peer-graphile';

// One delivery worker process of the peer section, started by it over IPC:
// the project's worker (what `npm run worker` runs, DELIVERY=worker or
// bullmq) or a graphile-worker runner. It says "ready" once it takes work and
// stops when told, or when the bench goes away.

export type WorkerKind = 'worker' | 'bullmq' | 'graphile';

export interface WorkerSettings {
  kind: WorkerKind;
  databaseUrl: string;
  smtpPort: number;
  /** DELIVERY=bullmq: the Redis and the key prefix of this run. */
  redisUrl?: string;
  prefix?: string;
}

async function start(s: WorkerSettings): Promise<() => Promise<void>> {
  const bullmq: Record<string, string> = s.kind === 'bullmq' ? { DELIVERY: 'bullmq', REDIS_URL: s.redisUrl!, BULLMQ_PREFIX: s.prefix! } : {};
  const config = benchConfig(s.databaseUrl, s.smtpPort, bullmq);
  if (s.kind === 'graphile') {
    const runner = await startPeerRunner(s.databaseUrl, { from: config.email.from, smtpPort: s.smtpPort, render: { siteUrl: config.email.siteUrl, brand: config.brand } });
    return () => runner.stop();
  }
  // As scripts/worker.ts does.
  const prisma = createPrismaClient(s.databaseUrl);
  const notifier = createTicketNotifier({ prisma, config });
  if (notifier.bullmq) await notifier.bullmq.start();
  else notifier.dispatcher.start({ keepAlive: true });
  return async () => {
    await notifier.close();
    await prisma.$disconnect();
  };
}

async function main() {
  const stop = await start(JSON.parse(process.env.BENCH_WORKER!) as WorkerSettings);
  let stopping: Promise<void> | null = null;
  const finish = () => {
    stopping ??= stop().then(() => process.exit(0));
  };
  process.on('message', (message) => message === 'stop' && finish());
  process.on('disconnect', finish);
  process.send!('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
