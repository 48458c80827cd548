import type { AppPrismaClient } from '../db';
import { isMandatory } from '../notifications';
import { setPreference, UnknownPersonError, type PersonExists } from '../preferences';
import type { UnsubscribeClaim } from './token';

export type UnsubscribeOutcome = 'unsubscribed' | 'mandatory' | 'gone';

/**
 * Turns off what the claim names, for the claim's person: a
 * NotificationPreference with enabled=false and source 'unsubscribe'.
 * Idempotent, so a mail provider's repeated POST changes nothing more. An
 * event a person may not turn off alone (isMandatory) is left on: the
 * planner would ignore the row anyway, and the page offers "all" instead.
 * A person deleted since the email was sent gets no more email anyway: 'gone'.
 */
export async function applyUnsubscribe(prisma: AppPrismaClient, claim: UnsubscribeClaim, personExists: PersonExists): Promise<UnsubscribeOutcome> {
  if (claim.scope !== 'all' && isMandatory(claim.kind, claim.scope)) return 'mandatory';
  try {
    await setPreference(prisma, claim.kind === 'user' ? { userId: claim.id } : { customerId: claim.id }, claim.scope, false, 'unsubscribe', personExists);
  } catch (error) {
    if (error instanceof UnknownPersonError) return 'gone';
    throw error;
  }
  return 'unsubscribed';
}
