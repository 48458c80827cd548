import type { PreferenceScope } from '../notifications';
import { checkScope } from './check-scope';
import { preferenceOwner, type PersonRef } from './person-ref';
import { UnknownPersonError } from './preference-error';

export type PreferenceSource = 'settings' | 'unsubscribe';

/** Whether the host app has this person: the host-schema module answers (the preference stores the id as text). */
export type PersonExists = (kind: 'user' | 'customer', id: string) => Promise<boolean>;

/**
 * Stores one choice. Planning reads it for every email queued after this
 * returns; emails already in the outbox keep going (they were planned under
 * the old choice).
 */
export async function setPreference(
  db: any,
  who: PersonRef,
  scope: PreferenceScope,
  enabled: boolean,
  source: PreferenceSource,
  personExists: PersonExists,
): Promise<void> {
  const owner = preferenceOwner(who);
  const event = checkScope(owner.kind, scope, enabled);
  if (!(await personExists(owner.kind, owner.id))) throw new UnknownPersonError(owner.kind, owner.id);
  const key = owner.kind === 'user' ? { userId_event: { userId: owner.id, event } } : { customerId_event: { customerId: owner.id, event } };
  const ownerField = owner.kind === 'user' ? { userId: owner.id } : { customerId: owner.id };
  const upsert = () =>
    db.notificationPreference.upsert({
      where: key,
      create: { ...ownerField, event, enabled, source },
      update: { enabled, source },
    });
  try {
    await upsert();
  } catch (error) {
    // Two requests at once (a mail provider's repeated one-click POST): both tried to insert, one won; the other now updates.
    if ((error as { code?: string } | null)?.code !== 'P2002') throw error;
    await upsert();
  }
}
