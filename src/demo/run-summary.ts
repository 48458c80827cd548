import type { AppPrismaClient } from '../db';
import { notificationEvents } from '../notifications';

export interface EmailCount {
  event: string;
  status: string;
  count: number;
}

/** The highest outbox id so far: rows above it are the ones a run about to start queues. */
export async function lastOutboxId(prisma: AppPrismaClient): Promise<number> {
  return (await prisma.emailOutbox.aggregate({ _max: { id: true } }))._max.id ?? 0;
}

/** The emails queued after `afterId` (this run's, whatever earlier runs left in the database), by event and status. */
export async function countEmailsSince(prisma: AppPrismaClient, afterId: number): Promise<EmailCount[]> {
  const rows = await prisma.emailOutbox.groupBy({ by: ['event', 'status'], where: { id: { gt: afterId } }, _count: { _all: true } });
  return rows.map((r) => ({ event: r.event, status: r.status, count: r._count._all }));
}

const order = (event: string) => {
  const i = (notificationEvents as readonly string[]).indexOf(event);
  return i === -1 ? notificationEvents.length : i;
};

/**
 * What the demo says at the end about its emails: how many it queued, per
 * event in the order a ticket lives through them, with their outcomes. Pure.
 */
export function summaryLines(counts: EmailCount[]): string[] {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return ['This run queued no emails.'];
  const byEvent = new Map<string, string[]>();
  const sorted = [...counts].sort((a, b) => order(a.event) - order(b.event) || a.event.localeCompare(b.event) || a.status.localeCompare(b.status));
  for (const c of sorted) byEvent.set(c.event, [...(byEvent.get(c.event) ?? []), `${c.count} ${c.status}`]);
  return [`This run queued ${total} email${total === 1 ? '' : 's'}:`, ...[...byEvent].map(([event, parts]) => `  ${event.padEnd(16)} ${parts.join(', ')}`)];
}
