import type { PreferenceScope } from '../notifications';
import { checkScope } from './check-scope';
import { preferenceOwner, type PersonRef } from './person-ref';
import { PreferenceError } from './preference-error';

export type PreferenceSource = 'settings' | 'unsubscribe';

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
  source: PreferenceSource = 'settings',
): Promise<void> {
  const owner = preferenceOwner(who);
  const event = checkScope(owner.kind, scope, enabled);
  const table = owner.kind === 'user' ? db.user : db.customer;
  if ((await table.count({ where: { id: owner.id } })) === 0) throw new PreferenceError(`there is no ${owner.kind} with id ${owner.id}`);
  const key = owner.kind === 'user' ? { userId_event: { userId: owner.id, event } } : { customerId_event: { customerId: owner.id, event } };
  const ownerField = owner.kind === 'user' ? { userId: owner.id } : { customerId: owner.id };
  await db.notificationPreference.upsert({
    where: key,
    create: { ...ownerField, event, enabled, source },
    update: { enabled, source },
  });
}
