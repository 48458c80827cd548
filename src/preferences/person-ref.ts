import { PreferenceError } from './preference-error';

/**
 * Whose preferences: a staff member or a customer, by the host app's id, of
 * either kind (an integer, or a string such as a cuid). 12 and '12' name the
 * same person: preferences store ids as text.
 */
export type PersonRef = { userId: number | string } | { customerId: number | string };

// Longer than any id a database hands out (a cuid is 25, a UUID 36); a limit keeps junk out of the table.
const MAX_ID_LENGTH = 191;

/** The unique key of a preference row, after checking the reference names exactly one person. */
export function preferenceOwner(who: PersonRef): { kind: 'user' | 'customer'; id: string } {
  const userId = (who as { userId?: unknown }).userId;
  const customerId = (who as { customerId?: unknown }).customerId;
  if ((userId === undefined) === (customerId === undefined)) {
    throw new PreferenceError('expected { userId } or { customerId }, exactly one of them');
  }
  const field = userId !== undefined ? 'userId' : 'customerId';
  const id = userId ?? customerId;
  if (typeof id === 'number' && !(Number.isSafeInteger(id) && id > 0)) {
    throw new PreferenceError(`${field} ${JSON.stringify(id)} is not a positive whole number`);
  }
  if (typeof id === 'string' && (id.length === 0 || id.length > MAX_ID_LENGTH || id.trim() !== id)) {
    throw new PreferenceError(`${field} ${JSON.stringify(id)} is not an id (1 to ${MAX_ID_LENGTH} characters, no surrounding spaces)`);
  }
  if (typeof id !== 'number' && typeof id !== 'string') {
    throw new PreferenceError(`${field} ${JSON.stringify(id)} is not an id (a number or a string)`);
  }
  return { kind: userId !== undefined ? 'user' : 'customer', id: String(id) };
}
