import { previewProps } from '../../emails';
import { providerOf, type AppPrismaClient } from '../../src/db';
import { insertRows, newOutboxRow } from '../../src/outbox';

/** Puts `count` ready-to-send rows straight into the outbox, as a burst of writes would. */
export async function queueRows(prisma: AppPrismaClient, count: number, prefix = 'load'): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) =>
    newOutboxRow({
      key: `${prefix}:${i}`,
      ticketId: 42,
      address: `${prefix}${i}@load.test`,
      recipient: { kind: 'customer', id: i + 1 },
      payload: previewProps({ recipient: { name: `Reader ${i}`, reason: 'customer' } }).payload,
      domain: 'helpdesk.test',
    }),
  );
  await insertRows(prisma, rows, providerOf(process.env.TEST_TEMPLATE_URL ?? 'file:'));
  return rows.map((r) => r.messageId);
}
