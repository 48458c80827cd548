import type { AppPrismaClient } from '../db';
import { isMandatory } from '../notifications';
import type { UnsubscribeClaim } from './token';

export type UnsubscribeOutcome = 'unsubscribed' | 'mandatory';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Turns off what the claim names, for the claim's person: a
 * NotificationPreference with enabled=false and source 'unsubscribe'.
 * Idempotent, so a mail provider's repeated POST changes nothing more. An
 * event a person may not turn off alone (isMandatory) is left on: the
 * planner would ignore the row anyway, and the page offers "all" instead.
 */
export async function applyUnsubscribe(prisma: AppPrismaClient, claim: UnsubscribeClaim): Promise<UnsubscribeOutcome> {
  if (claim.scope !== 'all' && isMandatory(claim.kind, claim.scope)) return 'mandatory';
  const owner = claim.kind === 'user' ? { userId: claim.id } : { customerId: claim.id };
  const where =
    claim.kind === 'user'
      ? { userId_event: { userId: claim.id, event: claim.scope } }
      : { customerId_event: { customerId: claim.id, event: claim.scope } };
  const upsert = () =>
    prisma.notificationPreference.upsert({
      where: where as never,
      create: { ...owner, event: claim.scope, enabled: false, source: 'unsubscribe' },
      update: { enabled: false, source: 'unsubscribe' },
    });
  try {
    await upsert();
  } catch (error) {
    // Two clicks at once: both tried to insert, one won; the other now updates.
    if (!isUniqueViolation(error)) throw error;
    await upsert();
  }
  return 'unsubscribed';
}
