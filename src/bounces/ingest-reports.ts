import { mkdirSync, readFileSync, statSync } from 'node:fs';
import type { AppPrismaClient } from '../db';
import { readReport } from './read-report';
import { recordReport } from './record-report';
import { findReportedEmails, judgeBounces, type JudgedBounce } from './report-evidence';
import { moveInto, reportFiles } from './report-files';

export interface IngestOptions {
  /** Hard bounces before an address counts as bouncing (BOUNCE_HARD_LIMIT). */
  hardLimit: number;
  /** SECRET_KEY, which signed the VERP tags of the emails' envelope senders. */
  secretKey: string;
  /** Files larger than this are left where they are, unread, with a warning (BOUNCE_REPORT_MAX_BYTES). */
  maxBytes: number;
  /** Move each file read here afterwards (a processed folder). */
  moveTo?: string;
  /** Told about each file; the command prints these lines. */
  onFile?: (file: string, outcome: string) => void;
  /** Told about files left unread; the command prints these on stderr. */
  onWarning?: (line: string) => void;
}

export interface IngestSummary {
  /** Delivery-status reports recorded now (not ones recorded before). */
  reports: number;
  /** Bounces counted against an address. */
  hard: number;
  soft: number;
  /** Bounces recorded but not counted: the report proved no email of ours to that address. */
  ignored: number;
  /** Messages that are not bounce reports, or that report no failure. */
  skipped: number;
  /** Files over the size limit, left unread. */
  tooLarge: number;
  /** Reports already recorded by an earlier run. */
  duplicates: number;
  /** Addresses that became bouncing in this run. */
  nowBouncing: string[];
}

// Lines stay readable when a forged report names dozens of addresses.
const SHOWN_PER_REASON = 3;

/** What one report's bounces came to, for the line the command prints. */
export function describeVerdicts(bounces: JudgedBounce[], unread = 0): string {
  const counted = bounces.filter((b) => b.ignored === null).map((b) => `${b.kind} ${b.status} ${b.address}`);
  const byReason = new Map<string, string[]>();
  for (const b of bounces) if (b.ignored !== null) byReason.set(b.ignored, [...(byReason.get(b.ignored) ?? []), b.address]);
  const ignored = [...byReason].map(([reason, addresses]) => {
    const more = addresses.length - SHOWN_PER_REASON;
    return `ignored ${addresses.slice(0, SHOWN_PER_REASON).join(', ')}${more > 0 ? ` and ${more} more` : ''}: ${reason}`;
  });
  const notRead = unread > 0 ? [`${unread} more recipient block(s) not read`] : [];
  return [...counted, ...ignored, ...notRead].join('; ');
}

/** Reads every message the paths name, records the bounces, and says what it did. */
export async function ingestReports(prisma: AppPrismaClient, paths: string[], o: IngestOptions): Promise<IngestSummary> {
  // Every path is checked before the first file is read, so a typo fails fast.
  const files = paths.flatMap((p) => reportFiles(p));
  const summary: IngestSummary = { reports: 0, hard: 0, soft: 0, ignored: 0, skipped: 0, tooLarge: 0, duplicates: 0, nowBouncing: [] };
  if (o.moveTo) mkdirSync(o.moveTo, { recursive: true });
  for (const file of files) {
    const size = statSync(file).size;
    if (size > o.maxBytes) {
      // Left in place, so the warning comes back each run until someone looks.
      summary.tooLarge++;
      o.onWarning?.(`${file}: ${size} bytes, over BOUNCE_REPORT_MAX_BYTES (${o.maxBytes}); not read, left where it is`);
      continue;
    }
    const report = await readReport(readFileSync(file));
    if (report.type === 'skipped' || report.bounces.length === 0) {
      summary.skipped++;
      o.onFile?.(file, `skipped: ${report.type === 'skipped' ? report.reason : 'reports no failed or delayed recipient'}`);
    } else {
      const bounces = judgeBounces(report.bounces, await findReportedEmails(prisma, report.refs, o.secretKey));
      const { recorded, nowBouncing } = await recordReport(prisma, { id: report.id, digest: report.digest, bounces }, o.hardLimit);
      if (recorded) {
        summary.reports++;
        for (const b of bounces) {
          if (b.ignored === null) summary[b.kind]++;
          else summary.ignored++;
        }
        summary.nowBouncing.push(...nowBouncing);
        o.onFile?.(file, describeVerdicts(bounces, report.unread));
      } else {
        summary.duplicates++;
        o.onFile?.(file, 'already recorded');
      }
    }
    if (o.moveTo) moveInto(file, o.moveTo);
  }
  return summary;
}
