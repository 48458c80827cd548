import type { AppPrismaClient } from '../db';
import { legacyThreadRootId } from '../outbox';
import type { Bounce, ReportRefs } from './read-report';
import { verpTagOf } from './verp';

/** An email of ours that a report refers to, and how it said so. */
export interface ReportedEmail {
  outboxId: number;
  /** Lower-case. */
  recipient: string;
  /**
   * Found only by a Message-ID that anyone can work out (the first email
   * about a ticket has `<ticket-<id>.<hash of the address>@domain>`), so it
   * proves nothing about who sent the report.
   */
  guessable: boolean;
}

export interface ReportEvidence {
  emails: ReportedEmail[];
  /** Tagged addresses whose signature is wrong: forged, or damaged on the way. */
  badTags: number;
  /** Signed tags of rows that are no longer in the outbox. */
  goneRows: number;
}

/** A bounce with the verdict: counted against the email it answers, or ignored with the reason. */
export interface JudgedBounce extends Bounce {
  outboxId: number | null;
  /** Null when it counts. */
  ignored: string | null;
}

export type OutboxLookupDb = Pick<AppPrismaClient, 'emailOutbox'>;

const domainOf = (messageId: string) => messageId.slice(messageId.lastIndexOf('@') + 1).replace(/>$/, '');
// Thread roots are keyed with the installation's secret key now; rows queued before that carry the old
// form, made from the ticket id and the address alone, which anyone can work out.
const isGuessableRoot = (row: { ticketId: string | null; recipientEmail: string; messageId: string }) =>
  row.ticketId !== null && row.messageId === legacyThreadRootId(row.ticketId, row.recipientEmail, domainOf(row.messageId));

/**
 * The emails of ours a report refers to: rows named by a signed VERP tag in
 * an address it was delivered to, and rows whose Message-ID it returns. One
 * query; the refs are capped when the report is read.
 */
export async function findReportedEmails(db: OutboxLookupDb, refs: ReportRefs, secretKey: string): Promise<ReportEvidence> {
  const tags = refs.recipients.flatMap((address) => verpTagOf(address, secretKey) ?? []);
  const tagged = [...new Set(tags.flatMap((t) => (t.ok ? [t.outboxId] : [])))];
  // A malformed tag is most likely no tag of ours (support+tickets@); only a wrong signature is a forgery.
  const badTags = tags.filter((t) => !t.ok && t.reason === 'bad_signature').length;
  if (tagged.length === 0 && refs.messageIds.length === 0) return { emails: [], badTags, goneRows: 0 };
  const rows = await db.emailOutbox.findMany({
    where: { OR: [{ id: { in: tagged } }, { messageId: { in: refs.messageIds } }] },
    select: { id: true, recipientEmail: true, messageId: true, ticketId: true },
  });
  const emails = rows.map((r) => ({ outboxId: r.id, recipient: r.recipientEmail.toLowerCase(), guessable: !tagged.includes(r.id) && isGuessableRoot(r) }));
  return { emails, badTags, goneRows: tagged.filter((id) => !rows.some((r) => r.id === id)).length };
}

function whyIgnored(names: string[], evidence: ReportEvidence): string {
  if (evidence.emails.some((e) => names.includes(e.recipient))) {
    return 'its only reference is a Message-ID of the old form, made from the ticket and the address alone, which anyone can work out (BOUNCE_ADDRESS makes such bounces count)';
  }
  if (evidence.emails.length > 0) return 'the email it returns went to another address';
  if (evidence.badTags > 0) return 'its bounce address carries a forged or damaged signature';
  if (evidence.goneRows > 0) return 'the email it returns is no longer in the outbox';
  return 'it refers to no email sent from here (no signed bounce address, no known Message-ID)';
}

/**
 * Which bounces of a report count: only those about an address that an email
 * of ours, proven by the report, was sent to. Anyone can mail a report naming
 * any address; what they cannot make is our signature, or the Message-ID of
 * an email they never saw. A bounce that counts is counted against the
 * address the email went to (Original-Recipient may name it when a server
 * forwarded it elsewhere), once per address.
 */
export function judgeBounces(bounces: Bounce[], evidence: ReportEvidence): JudgedBounce[] {
  const judged: JudgedBounce[] = [];
  const counted = new Map<string, JudgedBounce>();
  for (const b of bounces) {
    const names = [b.address, ...(b.original === null ? [] : [b.original])];
    const email = evidence.emails.find((e) => !e.guessable && names.includes(e.recipient));
    if (!email) {
      judged.push({ ...b, outboxId: null, ignored: whyIgnored(names, evidence) });
      continue;
    }
    const verdict: JudgedBounce = { ...b, address: email.recipient, outboxId: email.outboxId, ignored: null };
    const before = counted.get(email.recipient);
    if (before === undefined) {
      counted.set(email.recipient, verdict);
      judged.push(verdict);
    } else if (before.kind === 'soft' && verdict.kind === 'hard') {
      judged[judged.indexOf(before)] = verdict;
      counted.set(email.recipient, verdict);
    }
  }
  return judged;
}
