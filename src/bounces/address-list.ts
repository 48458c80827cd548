import type { AppPrismaClient } from '../db';

/** Addresses that get no email, most recent bounce first. */
export function listBouncing(prisma: AppPrismaClient) {
  return prisma.emailAddressStatus.findMany({ where: { bouncing: true }, orderBy: [{ lastBounceAt: 'desc' }, { address: 'asc' }] });
}

/**
 * Lets mail go to these addresses again (the owner fixed their mailbox):
 * counters start from zero, so it takes BOUNCE_HARD_LIMIT new hard bounces to
 * stop mail again. Returns the addresses that were known.
 */
export async function clearBouncing(prisma: AppPrismaClient, addresses: string[], at = new Date()): Promise<string[]> {
  const cleared: string[] = [];
  for (const address of addresses.map((a) => a.trim().toLowerCase())) {
    const { count } = await prisma.emailAddressStatus.updateMany({
      where: { address },
      data: { bouncing: false, hardBounces: 0, softBounces: 0, clearedAt: at },
    });
    if (count > 0) cleared.push(address);
  }
  return cleared;
}
