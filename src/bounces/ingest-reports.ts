import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppPrismaClient } from '../db';
import { readReport } from './read-report';
import { recordReport } from './record-report';
import { reportFiles } from './report-files';

export interface IngestOptions {
  /** Hard bounces before an address counts as bouncing (BOUNCE_HARD_LIMIT). */
  hardLimit: number;
  /** Move each file read here afterwards (a processed folder). */
  moveTo?: string;
  /** Told about each file; the command prints these lines. */
  onFile?: (file: string, outcome: string) => void;
}

export interface IngestSummary {
  /** Delivery-status reports recorded now (not ones recorded before). */
  reports: number;
  hard: number;
  soft: number;
  /** Messages that are not bounce reports, or that report no failure. */
  skipped: number;
  /** Reports already recorded by an earlier run. */
  duplicates: number;
  /** Addresses that became bouncing in this run. */
  nowBouncing: string[];
}

/** Reads every message the paths name, records the bounces, and says what it did. */
export async function ingestReports(prisma: AppPrismaClient, paths: string[], o: IngestOptions): Promise<IngestSummary> {
  // Every path is checked before the first file is read, so a typo fails fast.
  const files = paths.flatMap((p) => reportFiles(p));
  const summary: IngestSummary = { reports: 0, hard: 0, soft: 0, skipped: 0, duplicates: 0, nowBouncing: [] };
  if (o.moveTo) mkdirSync(o.moveTo, { recursive: true });
  for (const file of files) {
    const report = await readReport(readFileSync(file));
    if (report.type === 'skipped' || report.bounces.length === 0) {
      summary.skipped++;
      o.onFile?.(file, `skipped: ${report.type === 'skipped' ? report.reason : 'reports no failed or delayed recipient'}`);
    } else {
      const { recorded, nowBouncing } = await recordReport(prisma, report, o.hardLimit);
      if (recorded) {
        summary.reports++;
        for (const b of report.bounces) summary[b.kind]++;
        summary.nowBouncing.push(...nowBouncing);
        o.onFile?.(file, report.bounces.map((b) => `${b.kind} ${b.status} ${b.address}`).join(', '));
      } else {
        summary.duplicates++;
        o.onFile?.(file, 'already recorded');
      }
    }
    if (o.moveTo) renameSync(file, join(o.moveTo, basename(file)));
  }
  return summary;
}
