import { previewProps } from '../../emails/previews';
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
      installation: 'test-installation',
    }),
  );
  await insertRows(prisma, rows, providerOf(process.env.TEST_TEMPLATE_URL ?? 'file:'));
  // Each row is its reader's first about the ticket, so the insert gave it the thread root's id.
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const keys = rows.slice(i, i + 500).map((r) => r.idempotencyKey);
    const stored = await prisma.emailOutbox.findMany({ where: { idempotencyKey: { in: keys } }, orderBy: { id: 'asc' }, select: { messageId: true } });
    ids.push(...stored.map((r) => r.messageId));
  }
  return ids;
}
