import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import type { AppPrismaClient } from '../db';
import { clientProvider, hostStore, resolveHostSchema, type HostDb, type HostSchemaOptions } from '../host-schema';
import { reportFiles } from '../bounces';
import { applyUnsubscribe, type UnsubscribeOutcome } from './apply-unsubscribe';
import { verifyUnsubscribeToken, type TokenProblem } from './token';

export type MailedRequestOutcome = UnsubscribeOutcome | TokenProblem | 'no_token';

// The mailto: form of List-Unsubscribe puts "unsubscribe <token>" in the subject.
const TOKEN_IN_SUBJECT = /\bunsubscribe\s+([A-Za-z0-9_.~-]+)/i;

/** The token a mailed request carries in its subject, or null (a reply "Re: unsubscribe …" still counts). */
export function tokenOfSubject(subject: string | undefined): string | null {
  return TOKEN_IN_SUBJECT.exec(subject ?? '')?.[1] ?? null;
}

/**
 * Applies the unsubscribe requests that arrived at the mailto: address, read
 * from .eml files, folders or Maildirs as bounce reports are. The signed
 * token is the authority, as for the one-click POST: the sender's address is
 * not trusted, since anyone can write any From.
 */
export async function applyMailedRequests(
  prisma: AppPrismaClient,
  paths: string[],
  secretKey: string,
  onFile: (file: string, outcome: MailedRequestOutcome) => void = () => {},
  now = new Date(),
  schema?: HostSchemaOptions,
): Promise<Record<MailedRequestOutcome, number>> {
  const store = hostStore(resolveHostSchema(prisma, schema), clientProvider(prisma) ?? 'sqlite');
  const personExists = async (kind: 'user' | 'customer', id: string) => (await store.person(prisma as unknown as HostDb, kind, id)) !== null;
  const files = paths.flatMap((p) => reportFiles(p));
  const counts: Record<MailedRequestOutcome, number> = { unsubscribed: 0, mandatory: 0, gone: 0, malformed: 0, bad_signature: 0, expired: 0, no_token: 0 };
  for (const file of files) {
    const mail = await simpleParser(readFileSync(file));
    const token = tokenOfSubject(mail.subject);
    const verified = token === null ? null : verifyUnsubscribeToken(token, secretKey, now);
    const outcome: MailedRequestOutcome =
      verified === null ? 'no_token' : verified.ok ? await applyUnsubscribe(prisma, verified.claim, personExists) : verified.reason;
    counts[outcome] += 1;
    onFile(file, outcome);
  }
  return counts;
}
