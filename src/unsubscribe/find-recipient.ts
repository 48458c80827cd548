import type { HostDb, HostStore } from '../host-schema';
import type { UnsubscribeClaim } from './token';

export interface UnsubscribeRecipient {
  name: string;
  email: string | null;
  /** As stored; null means the default language. */
  locale: string | null;
}

/** The person a token names, for the page; null when they no longer exist (or the id is not one the host could have). */
export async function findRecipient(db: HostDb, store: HostStore, claim: Pick<UnsubscribeClaim, 'kind' | 'id'>): Promise<UnsubscribeRecipient | null> {
  const person = await store.person(db, claim.kind, String(claim.id));
  return person && { name: person.name, email: person.email, locale: person.locale };
}
