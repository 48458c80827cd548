import type { AppPrismaClient } from '../db';
import { afterBounce } from './address-status';
import type { Bounce } from './read-report';

export interface RecordedReport {
  /** False when this report was recorded before: nothing changed. */
  recorded: boolean;
  /** Addresses this report made bouncing (they were not before). */
  nowBouncing: string[];
}

// A report about one recipient is stored under its own id; one about several
// stores a row per address, each id the report's id with the address.
const rowId = (reportId: string, bounce: Bounce, many: boolean) => (many ? `${reportId} ${bounce.address}` : reportId);

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Stores one report's bounces and counts them against their addresses, in
 * one transaction, so a report counts once or not at all. A report already
 * stored (read again, or by a concurrent run) changes nothing.
 */
export async function recordReport(
  prisma: AppPrismaClient,
  report: { id: string; bounces: Bounce[] },
  hardLimit: number,
  at = new Date(),
): Promise<RecordedReport> {
  const many = report.bounces.length > 1;
  try {
    return await prisma.$transaction(async (tx) => {
      const seen = await tx.bounceReport.findUnique({ where: { id: rowId(report.id, report.bounces[0], many) }, select: { id: true } });
      if (seen) return { recorded: false, nowBouncing: [] };
      const nowBouncing: string[] = [];
      for (const bounce of report.bounces) {
        await tx.bounceReport.create({
          data: { id: rowId(report.id, bounce, many), address: bounce.address, kind: bounce.kind, status: bounce.status, diagnostic: bounce.diagnostic },
        });
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
