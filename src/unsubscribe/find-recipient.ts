import type { AppPrismaClient } from '../db';
import type { UnsubscribeClaim } from './token';

export interface UnsubscribeRecipient {
  name: string;
  email: string | null;
  /** As stored; null means the default language. */
  locale: string | null;
}

/** The person a token names, for the page; null when they no longer exist. */
export async function findRecipient(prisma: AppPrismaClient, claim: Pick<UnsubscribeClaim, 'kind' | 'id'>): Promise<UnsubscribeRecipient | null> {
  const select = { name: true, email: true, locale: true } as const;
  // host id: text. The demo helpdesk's ids are integers; the host-schema mapping will take this conversion over.
  const id = Number(claim.id);
  if (!Number.isSafeInteger(id)) return null;
  return claim.kind === 'user' ? prisma.user.findUnique({ where: { id }, select }) : prisma.customer.findUnique({ where: { id }, select });
}
