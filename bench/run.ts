import './support/production';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createBenchDatabase } from './support/bench-database';
import { SmtpSink } from './support/smtp-sink';
import { machine, table, type Figure } from './support/report';
import { median, round } from './support/stats';
import { measureWriteOverhead, type WriteOverhead } from './sections/write-overhead';
import { measureBulkUpdate, type BulkUpdate } from './sections/bulk-update';
import { measureNaive, measurePipeline, measureTransportCeiling, queueEmails, type DeliveryRun } from './sections/delivery';
import { measureRender } from './sections/render';
import { CAPPED_HEAP, measureOverdueScan, type OverdueScan } from './sections/overdue-scan';

const SECTIONS = ['write', 'bulk', 'delivery', 'render', 'overdue', 'scale', 'peer'] as const;
type Section = (typeof SECTIONS)[number];

function count(v: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError('expected a whole number above 0');
  return Number(v);
}

const program = new Command('bench')
  .description(
    'Measure the project against the naive way and against the limits of this machine. ' +
      'Uses SQLite (a scratch file) by default, or the PostgreSQL server DATABASE_URL points at (a scratch database). ' +
      'Prints a table and records it in bench/results.json under the database kind.',
  )
  .option('--runs <n>', 'runs per figure; each figure is their median', count, 3)
  .option('--writes <n>', 'status changes per client in the write test', count, 2000)
  .option('--bulk <n>', 'tickets one updateMany changes in the bulk test', count, 10_000)
  .option('--emails <n>', 'queued emails in the delivery tests', count, 5000)
  .option('--naive-sample <n>', 'emails sent the naive way (about 9 per second)', count, 150)
  .option('--tickets <n>', 'tickets in the overdue scan, one in five overdue', count, 100_000)
  .option('--rate <n>', 'EMAIL_RATE_PER_SECOND asked of two BullMQ workers in the scale test (default: half their unlimited rate in the same run)', count)
  .option('--only <sections>', `comma-separated subset of ${SECTIONS.join(',')}`)
  .option('--quick', 'small sizes and one run: checks the benchmark works, measures nothing worth keeping')
  .option('--out <file>', 'where to record the results', join(__dirname, 'results.json'))
  .parse();

interface Options {
  runs: number;
  writes: number;
  bulk: number;
  emails: number;
  naiveSample: number;
  tickets: number;
  rate?: number;
  only?: string;
  quick?: boolean;
  out: string;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

async function main() {
  const o = program.opts<Options>();
  if (o.quick) Object.assign(o, { runs: 1, writes: 100, bulk: 500, emails: 300, naiveSample: 10, tickets: 5000 });
  const only = new Set<Section>((o.only?.split(',').map((s) => s.trim()) ?? SECTIONS) as Section[]);
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}"; expected some of ${SECTIONS.join(', ')}`);

  const db = await createBenchDatabase(process.env.DATABASE_URL);
  const sink = await new SmtpSink().start();
  const figures: Figure[] = [];
  const results: Record<string, unknown> = {};
  log(`benchmark on ${db.provider}, ${o.runs} run(s) per figure`);
  try {
    if (only.has('write')) {
      const runs: WriteOverhead[] = [];
      for (let r = 1; r <= o.runs; r++) {
        log(`write overhead: run ${r}/${o.runs}, ${o.writes} writes per client`);
        runs.push(await measureWriteOverhead(db, o.writes));
      }
      const ratio = median(runs.map((r) => r.ratio));
      // The same in every run: the statements of a write do not depend on timing.
      const { roundTrips } = runs[runs.length - 1];
      results.write = { runs, ratio, roundTrips };
      figures.push(
        { section: '1 write', name: `median write, bare Prisma (${o.writes} status changes)`, value: `${round(median(runs.map((r) => r.bareMedianMs)))} ms` },
        { section: '1 write', name: 'median write, notifying client (+ read before, + one change event)', value: `${round(median(runs.map((r) => r.notifyingMedianMs)))} ms` },
        { section: '1 write', name: 'notifying / bare', value: `${round(ratio)}×`, target: '≤ 1.5×', met: ratio <= 1.5 },
        { section: '1 write', name: 'round trips per write (statements sent, BEGIN and COMMIT included)', value: `bare ${roundTrips.bare} / notifying ${roundTrips.notifying}` },
      );
    }

    if (only.has('bulk')) {
      const runs: BulkUpdate[] = [];
      for (let r = 1; r <= o.runs; r++) {
        log(`bulk: run ${r}/${o.runs}, updateMany of ${o.bulk} tickets, each client in a process of its own`);
        // Turns: whichever runs second finds the database warmer.
        runs.push(await measureBulkUpdate(db, o.bulk, r % 2 === 1));
      }
      const of = (pick: (r: BulkUpdate) => number) => median(runs.map(pick));
      const ratio = of((r) => r.ratio);
      const mb = (n: number) => `${Math.round(n)} MB`;
      results.bulk = {
        runs,
        ratio,
        bareSeconds: of((r) => r.bare.seconds),
        notifyingSeconds: of((r) => r.notifying.seconds),
        barePeakRssMb: of((r) => r.bare.peakRssMb),
        notifyingPeakRssMb: of((r) => r.notifying.peakRssMb),
        bareRssBeforeMb: of((r) => r.bare.rssBeforeMb),
        notifyingRssBeforeMb: of((r) => r.notifying.rssBeforeMb),
      };
      figures.push(
        { section: '1b bulk', name: `updateMany of ${o.bulk} tickets' status, bare Prisma`, value: `${round(of((r) => r.bare.seconds), 3)} s` },
        {
          section: '1b bulk',
          name: 'the same, notifying client (one change event recorded)',
          value: `${round(of((r) => r.notifying.seconds), 3)} s`,
        },
        { section: '1b bulk', name: 'notifying / bare', value: `${round(ratio, 1)}×`, target: '≤ 3×', met: ratio <= 3 },
        {
          section: '1b bulk',
          name: 'peak memory (RSS), a fresh process each: bare / notifying',
          value: `${mb(of((r) => r.bare.peakRssMb))} / ${mb(of((r) => r.notifying.peakRssMb))}`,
        },
        {
          section: '1b bulk',
          name: 'of which before the call (runtime, modules, client): bare / notifying',
          value: `${mb(of((r) => r.bare.rssBeforeMb))} / ${mb(of((r) => r.notifying.rssBeforeMb))}`,
        },
        { section: '1b bulk', name: 'statements the call sent: bare / notifying', value: `${runs[0].bare.statements} / ${runs[0].notifying.statements}` },
        {
          section: '1b bulk',
          name: `after the commit: planning the ${runs[0].notifying.queued} emails (time, peak RSS then)`,
          value: `${round(of((r) => r.notifying.planSeconds), 2)} s, ${mb(of((r) => r.notifying.peakRssPlannedMb))}`,
        },
      );
    }

    if (only.has('delivery')) {
      log(`delivery: queuing ${o.emails} emails`);
      await queueEmails(db, o.emails);
      const runs: { pipeline: DeliveryRun; naive: DeliveryRun; ceiling: DeliveryRun }[] = [];
      for (let r = 1; r <= o.runs; r++) {
        log(`delivery: run ${r}/${o.runs}: pipeline, naive (${o.naiveSample}), transport ceiling`);
        runs.push({ pipeline: await measurePipeline(db, sink), naive: await measureNaive(db, sink, o.naiveSample), ceiling: await measureTransportCeiling(db, sink) });
      }
      const pipeline = median(runs.map((r) => r.pipeline.perSecond));
      const vsNaive = median(runs.map((r) => r.pipeline.perSecond / r.naive.perSecond));
      const vsCeiling = median(runs.map((r) => r.pipeline.perSecond / r.ceiling.perSecond));
      results.delivery = { runs, pipelinePerSecond: pipeline, vsNaive, vsCeiling };
      figures.push(
        { section: '2 delivery', name: `pipeline: ${o.emails} emails rendered, sent, marked sent`, value: `${Math.round(pipeline)} emails/s` },
        { section: '2 delivery', name: 'naive: render + new SMTP connection per email', value: `${round(median(runs.map((r) => r.naive.perSecond)), 1)} emails/s` },
        { section: '2 delivery', name: 'pipeline / naive', value: `${round(vsNaive, 1)}×`, target: '≥ 10×', met: vsNaive >= 10 },
        { section: '3 ceiling', name: 'pooled transport, pre-rendered, no database', value: `${Math.round(median(runs.map((r) => r.ceiling.perSecond)))} emails/s` },
        { section: '3 ceiling', name: 'pipeline / ceiling', value: `${Math.round(vsCeiling * 100)}%`, target: '≥ 50%', met: vsCeiling >= 0.5 },
      );
    }

    if (only.has('render')) {
      log('render: every template');
      const renders = await measureRender(o.quick ? 20 : 200);
      results.render = renders;
      for (const r of renders) {
        figures.push({ section: '4 render', name: `${r.event}: first recipient / each more of the same role`, value: `${round(r.renderMs)} / ${round(r.sameRoleMs)} ms` });
      }
    }

    if (only.has('overdue')) {
      const runs: OverdueScan[] = [];
      for (let r = 1; r <= o.runs; r++) {
        log(`overdue scan: run ${r}/${o.runs}, ${o.tickets} tickets`);
        runs.push(await measureOverdueScan(db, o.tickets, log));
      }
      const seconds = median(runs.map((r) => r.seconds));
      const rss = median(runs.map((r) => r.peakRssMb));
      const capped = median(runs.map((r) => r.cappedPeakRssMb));
      const start = median(runs.map((r) => r.startRssMb));
      const again = Math.max(...runs.map((r) => r.secondRunQueued));
      results.overdue = { runs, seconds, startRssMb: start, peakRssMb: rss, cappedPeakRssMb: capped };
      figures.push(
        { section: '5 overdue', name: `${o.tickets} tickets, ${runs[0].overdue} overdue: ${runs[0].queued} emails queued in`, value: `${round(seconds)} s`, target: '< 10 s', met: seconds < 10 },
        { section: '5 overdue', name: 'peak memory of that run (RSS)', value: `${Math.round(rss)} MB`, target: '< 250 MB', met: rss < 250 },
        { section: '5 overdue', name: 'of which before any work (Node, loader, modules)', value: `${Math.round(start)} MB` },
        { section: '5 overdue', name: `the same run under node ${CAPPED_HEAP}`, value: `${Math.round(capped)} MB` },
        { section: '5 overdue', name: 'emails queued by a second run the same day', value: String(again), target: '0', met: again === 0 },
      );
    }

    if (only.has('scale')) {
      // Loaded only here: the other sections need neither BullMQ nor Redis.
      const { measureScale } = await import('./sections/scale');
      const scale = await measureScale(db, { emails: o.quick ? 300 : o.emails, runs: o.runs, rate: o.rate, log });
      results.scale = scale.results;
      figures.push(...scale.figures);
    }

    if (only.has('peer')) {
      // Loaded only here: graphile-worker is the peer's, not the project's.
      const { measurePeer } = await import('./sections/peer');
      const peer = await measurePeer(db, sink, { writes: o.writes, emails: o.emails, runs: o.runs, log });
      results.peer = peer.results;
      figures.push(...peer.figures);
    }
  } finally {
    await sink.stop();
    await db.drop();
  }

  console.log(table(figures));
  const recorded = existsSync(o.out) ? JSON.parse(readFileSync(o.out, 'utf8')) : {};
  recorded[db.provider] = { date: new Date().toISOString(), machine: machine(), options: o, figures, results };
  writeFileSync(o.out, `${JSON.stringify(recorded, null, 2)}\n`);
  log(`recorded in ${o.out}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
