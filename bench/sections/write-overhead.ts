import { createTicketNotifier } from '../../src';
import type { BenchDatabase } from '../support/bench-database';
import { seedPeople, seedTickets } from '../support/fixtures';
import { benchConfig } from '../support/notifier-config';
import { median, percentile } from '../support/stats';

export interface WriteOverhead {
  writes: number;
  bareMedianMs: number;
  notifyingMedianMs: number;
  bareP95Ms: number;
  notifyingP95Ms: number;
  /** Notifying median over bare median. */
  ratio: number;
  outboxRowsPerWrite: number;
}

/**
 * Status changes through the bare client and through the notifying client,
 * interleaved write by write on the same database so both see the same
 * cache, disk and neighbours. Each notifying write queues its emails.
 */
export async function measureWriteOverhead(db: BenchDatabase, writes: number): Promise<WriteOverhead> {
  await db.reset();
  const people = await seedPeople(db.prisma);
  // Two tickets per step: one for each client, so neither finds the other's change.
  await seedTickets(db.prisma, people, writes * 2);
  const ids = (await db.prisma.ticket.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id);
  const notifier = createTicketNotifier({ prisma: db.prisma, config: benchConfig(db.url) });
  const bare: number[] = [];
  const notifying: number[] = [];
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  try {
    const warmup = Math.min(100, writes);
    for (let step = 0; step < writes + warmup; step++) {
      const i = step % writes;
      const to = step < warmup || step >= writes ? 'in_progress' : 'pending';
      const b = await time(() => db.prisma.ticket.update({ where: { id: ids[2 * i] }, data: { status: to } }));
      const n = await time(() => notifier.client.ticket.update({ where: { id: ids[2 * i + 1] }, data: { status: to } }));
      if (step >= warmup) {
        bare.push(b);
        notifying.push(n);
      }
    }
    const rows = await db.prisma.emailOutbox.count();
    return {
      writes,
      bareMedianMs: median(bare),
      notifyingMedianMs: median(notifying),
      bareP95Ms: percentile(bare, 95),
      notifyingP95Ms: percentile(notifying, 95),
      ratio: median(notifying) / median(bare),
      outboxRowsPerWrite: rows / (writes + warmup),
    };
  } finally {
    await notifier.close();
  }
}
