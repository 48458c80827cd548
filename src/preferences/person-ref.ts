import { PreferenceError } from './preference-error';

/** Whose preferences: a staff member or a customer, by id. */
export type PersonRef = { userId: number } | { customerId: number };

/** The unique key of a preference row, after checking the reference names exactly one person. */
export function preferenceOwner(who: PersonRef): { kind: 'user' | 'customer'; id: number } {
  const userId = (who as { userId?: unknown }).userId;
  const customerId = (who as { customerId?: unknown }).customerId;
  if ((userId === undefined) === (customerId === undefined)) {
    throw new PreferenceError('expected { userId } or { customerId }, exactly one of them');
  }
  const id = userId ?? customerId;
  if (!Number.isInteger(id) || (id as number) <= 0) {
    throw new PreferenceError(`${userId !== undefined ? 'userId' : 'customerId'} ${JSON.stringify(id)} is not a positive whole number`);
  }
  return { kind: userId !== undefined ? 'user' : 'customer', id: id as number };
}
