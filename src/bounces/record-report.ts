import type { AppPrismaClient } from '../db';
import { afterBounce } from './address-status';
import type { JudgedBounce } from './report-evidence';

export interface RecordedReport {
  /** False when this report was recorded before: nothing changed. */
  recorded: boolean;
  /** Addresses this report made bouncing (they were not before). */
  nowBouncing: string[];
}

/** A report as recordReport stores it: its ids and its judged bounces. */
export interface JudgedReport {
  /** Its Message-ID, or `sha256:<digest>` when it has none. */
  id: string;
  /** sha256 of its bytes. */
  digest: string;
  bounces: JudgedBounce[];
}

// Longer ids are kept by hash: a key this long is no Message-ID a server
// makes, and PostgreSQL refuses index entries of a few KB.
const MAX_ID = 250;

/**
 * The key a report is stored under. A report that counts is known by its
 * Message-ID, so copies of it delivered to two mailboxes count once. One that
 * proves nothing is known by the hash of its bytes: a forgery that copies a
 * real report's Message-ID must not make the real one read as already
 * recorded.
 */
function reportKey(report: JudgedReport): string {
  const counts = report.bounces.some((b) => b.ignored === null);
  return counts && report.id.length <= MAX_ID ? report.id : `sha256:${report.digest}`;
}

// A report about one recipient is stored under its own key; one about several
// stores a row per address, each id the key with the address.
const rowId = (key: string, bounce: JudgedBounce, many: boolean) => (many ? `${key} ${bounce.address}` : key);

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Stores one report's bounces, ignored ones with their reason, and counts
 * the others against their addresses, in one transaction, so a report counts
 * once or not at all. A report already stored (read again, or by a
 * concurrent run) changes nothing.
 */
export async function recordReport(prisma: AppPrismaClient, report: JudgedReport, hardLimit: number, at = new Date()): Promise<RecordedReport> {
  if (report.bounces.length === 0) return { recorded: false, nowBouncing: [] };
  const key = reportKey(report);
  const many = report.bounces.length > 1;
  try {
    return await prisma.$transaction(async (tx) => {
      const seen = await tx.bounceReport.findUnique({ where: { id: rowId(key, report.bounces[0], many) }, select: { id: true } });
      if (seen) return { recorded: false, nowBouncing: [] };
      await tx.bounceReport.createMany({
        data: report.bounces.map((b) => ({
          id: rowId(key, b, many),
          address: b.address,
          kind: b.kind,
          status: b.status,
          diagnostic: b.diagnostic,
          outboxId: b.outboxId,
          ignored: b.ignored,
        })),
      });
      const nowBouncing: string[] = [];
      for (const bounce of report.bounces.filter((b) => b.ignored === null)) {
        const before = await tx.emailAddressStatus.findUnique({ where: { address: bounce.address } });
        const next = afterBounce(before, bounce.kind, hardLimit);
        if (next.bouncing && !before?.bouncing) nowBouncing.push(bounce.address);
        const data = { ...next, lastBounceAt: at, lastDiagnostic: bounce.diagnostic ?? bounce.status };
        await tx.emailAddressStatus.upsert({ where: { address: bounce.address }, create: { address: bounce.address, ...data }, update: data });
      }
      return { recorded: true, nowBouncing };
    });
  } catch (error) {
    // Another run stored it between our read and our insert.
    if (isUniqueViolation(error)) return { recorded: false, nowBouncing: [] };
    throw error;
  }
}
