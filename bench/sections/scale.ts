import { connect } from 'node:net';
import type { BenchDatabase } from '../support/bench-database';
import type { Figure } from '../support/report';
import { median, round } from '../support/stats';
import { measureBullmqScale } from './bullmq-scale';

const WORKER_COUNTS = [1, 2, 4];

export function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/**
 * DELIVERY=bullmq: throughput with 1, 2 and 4 worker processes, and the
 * global rate limit holding across two of them. The limit asked is half of
 * what two workers sent unlimited in the same run (or `rate`), so the limit
 * is what holds them back whatever the machine.
 */
export async function measureScale(db: BenchDatabase, o: { emails: number; runs: number; rate?: number; log: (s: string) => void }) {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await reachable(redisUrl))) {
    o.log(`scale: skipped, no Redis at ${redisUrl}`);
    return { results: { skipped: `no Redis at ${redisUrl}` }, figures: [{ section: '6 scale', name: 'BullMQ workers', value: `skipped: no Redis at ${redisUrl}` }] as Figure[] };
  }
  const runs: Awaited<ReturnType<typeof measureBullmqScale>>[] = [];
  for (let r = 1; r <= o.runs; r++) {
    const limit = o.rate ? `${o.rate}/s` : 'half the two-worker rate';
    o.log(`scale: run ${r}/${o.runs}: ${WORKER_COUNTS.join(', ')} worker processes, then ${limit} asked of two`);
    await db.reset();
    runs.push(await measureBullmqScale({ databaseUrl: db.url, redisUrl, emails: o.emails, workerCounts: WORKER_COUNTS, ratePerSecond: o.rate, log: o.log }));
  }
  const perCount = WORKER_COUNTS.map((count) => ({
    count,
    emailsPerSecond: median(runs.map((r) => r.workers.find((w) => w.count === count)!.emailsPerSecond)),
  }));
  const askedRate = median(runs.map((r) => r.rateLimit.askedPerSecond));
  const measuredRate = median(runs.map((r) => r.rateLimit.measuredPerSecond));
  // Each run asks its own rate: the check is on each run's measured over asked.
  const ofAsked = median(runs.map((r) => r.rateLimit.measuredPerSecond / r.rateLimit.askedPerSecond));
  const met = Math.abs(ofAsked - 1) <= 0.1;
  const figures: Figure[] = [
    ...perCount.map((w) => ({ section: '6 scale', name: `DELIVERY=bullmq, ${w.count} worker process${w.count > 1 ? 'es' : ''}`, value: `${Math.round(w.emailsPerSecond)} emails/s` })),
    {
      section: '6 scale',
      name: `EMAIL_RATE_PER_SECOND=${round(askedRate, 1)} (${o.rate ? 'asked' : 'half the two-worker rate'}) across two workers`,
      value: `${round(measuredRate, 1)} emails/s (${Math.round(ofAsked * 100)}% of asked)`,
      target: 'asked ± 10%',
      met,
    },
  ];
  return { results: { runs, perCount, askedRate, measuredRate, measuredOverAsked: ofAsked }, figures };
}
