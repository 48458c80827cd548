import { isMandatory, type PreferenceScope, notificationEvents, type NotificationEvent } from '../notifications';
import { PreferenceError } from './preference-error';

/** Refuses scopes that do not exist and choices the rules do not allow, naming what is wrong. */
export function checkScope(kind: 'user' | 'customer', scope: string, enabled: boolean): PreferenceScope {
  if (scope !== 'all' && !(notificationEvents as readonly string[]).includes(scope)) {
    throw new PreferenceError(`"${scope}" is not a notification; expected "all" or one of ${notificationEvents.join(', ')}`);
  }
  if (!enabled && scope !== 'all' && isMandatory(kind, scope as NotificationEvent)) {
    throw new PreferenceError(
      `a customer cannot turn off ${scope} on its own: they are always told when their ticket is resolved or closed (turn off "all" to stop every email)`,
    );
  }
  return scope as PreferenceScope;
}
