import { createHash } from 'node:crypto';
import { MailParser, type AttachmentStream, type HeaderLines, type Headers, type MessageText } from 'mailparser';
import { bounceKind, type BounceKind } from './bounce-kind';
import { parseDeliveryStatus, parseFieldBlock } from './delivery-status';

export interface Bounce {
  /** The address the report names (Final-Recipient, else Original-Recipient). */
  address: string;
  /** Original-Recipient, when the report gives it: the address the email was sent to, before any forwarding. */
  original: string | null;
  kind: BounceKind;
  /** The x.y.z status, or the action when the report gave none. */
  status: string;
  diagnostic: string | null;
}

/** Where a report says which email it answers; only what we signed or stored is believed (see judgeBounces). */
export interface ReportRefs {
  /** Addresses the report was delivered or addressed to, where a VERP tag would be. */
  recipients: string[];
  /** Message-IDs of the email the report returns. */
  messageIds: string[];
}

export type ReadReport =
  | {
      type: 'report';
      /** Its Message-ID, or `sha256:<digest>` when it has none. */
      id: string;
      /** sha256 of its bytes. */
      digest: string;
      date: Date | null;
      bounces: Bounce[];
      /** Recipient blocks past the cap, not read (MAX_DSN_RECIPIENTS). */
      unread: number;
      refs: ReportRefs;
    }
  | { type: 'skipped'; reason: string };

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
// The returned email, or its headers alone (RFC 3462, and RFC 6533 for the global forms).
const RETURNED_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
// Our emails' headers are a few KB; servers add Received, DKIM and ARC lines
// above them. The returned body is not needed, so it is not kept.
const RETURNED_KEEP_BYTES = 64 * 1024;
// Where servers put the envelope recipient on delivery, and To, which a DSN
// is addressed to: the envelope sender of the email it returns.
const RECIPIENT_HEADERS = new Set(['to', 'delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to']);
const MESSAGE_ID_FIELDS = ['original-message-id', 'x-original-message-id'];
// A forged report can list any number; a real one has a handful.
const MAX_REFS = 20;
// Stored with the bounce and printed by bounces:list; real diagnostics are a line or two.
const MAX_DIAGNOSTIC = 1000;

// Addresses are found by splitting on what cannot be in one: a pattern
// search would backtrack over a long header quadratically.
const SEPARATORS = /[\s<>()[\],;:"']+/;
const addressesIn = (value: string) => value.split(SEPARATORS).filter((w) => /^[^@]+@[^@]+$/.test(w));
const MESSAGE_ID = /<[^<>\s]{1,250}>/;

// Attachments stream through: only the parts read here are kept, so a report
// that returns a large email does not hold it in memory. The returned email is
// kept as an attachment, never parsed as part of the report's text.
const PARSER_OPTIONS = {
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  checksumAlgo: false,
} as const;

interface Parsed {
  headers: Headers;
  headerLines: HeaderLines;
  parts: { contentType: string; content: Buffer }[];
}

function keepBytes(contentType: string): number {
  if (STATUS_TYPES.has(contentType)) return Number.POSITIVE_INFINITY;
  return RETURNED_TYPES.has(contentType) ? RETURNED_KEEP_BYTES : 0;
}

function keepPart(attachment: AttachmentStream, parts: Parsed['parts']): void {
  const contentType = attachment.contentType.toLowerCase();
  const limit = keepBytes(contentType);
  const chunks: Buffer[] = [];
  let size = 0;
  attachment.content.on('data', (chunk: Buffer) => {
    if (size >= limit) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  attachment.content.on('end', () => {
    if (limit > 0) parts.push({ contentType, content: Buffer.concat(chunks).subarray(0, Math.min(size, limit)) });
    attachment.release?.();
  });
}

function parse(bytes: Buffer): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser(PARSER_OPTIONS);
    const parsed: Parsed = { headers: new Map(), headerLines: [], parts: [] };
    parser.on('headers', (headers) => (parsed.headers = headers));
    parser.on('headerLines', (lines) => (parsed.headerLines = lines));
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'attachment') keepPart(data, parsed.parts);
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(parsed));
    parser.end(bytes);
  });
}

const unfold = (line: string) => line.replace(/\r?\n[ \t]+/g, ' ');
const valueOf = (line: string) => unfold(line).slice(line.indexOf(':') + 1);
const firstUnique = <T>(values: T[]) => [...new Set(values)].slice(0, MAX_REFS);

/** Where the report says which email it answers: tagged addresses and returned Message-IDs. */
function refsOf(parsed: Parsed, statusFields: Record<string, string>): ReportRefs {
  const lines = parsed.headerLines.filter((l) => RECIPIENT_HEADERS.has(l.key.toLowerCase()));
  const recipients = firstUnique(lines.flatMap((l) => addressesIn(valueOf(l.line))).map((a) => a.toLowerCase()));
  const named = [
    ...parsed.headerLines.filter((l) => MESSAGE_ID_FIELDS.includes(l.key.toLowerCase())).map((l) => valueOf(l.line)),
    ...MESSAGE_ID_FIELDS.map((f) => statusFields[f]),
    ...parsed.parts
      .filter((p) => RETURNED_TYPES.has(p.contentType))
      // The returned email's own header block: up to its first blank line.
      .map((p) => parseFieldBlock(p.content.toString('utf8').split(/\r?\n[ \t]*\r?\n/, 1)[0])['message-id']),
  ];
  const messageIds = firstUnique(named.flatMap((v) => MESSAGE_ID.exec(v ?? '')?.[0] ?? []));
  return { recipients, messageIds };
}

const cut = (text: string | null) => (text !== null && text.length > MAX_DIAGNOSTIC ? `${text.slice(0, MAX_DIAGNOSTIC - 1)}…` : text);

/**
 * One bounce per address: a report that names an address twice (a server
 * that tried twice) counts it once, hard if either block was hard.
 */
function onePerAddress(bounces: Bounce[]): Bounce[] {
  const byAddress = new Map<string, Bounce>();
  for (const b of bounces) {
    const seen = byAddress.get(b.address);
    if (!seen || (seen.kind === 'soft' && b.kind === 'hard')) byAddress.set(b.address, b);
  }
  return [...byAddress.values()];
}

/**
 * One received message, as a bounce report or as something to skip: a
 * message that is not a delivery-status report (an auto-reply, a person
 * writing back), or not a readable message at all, is skipped, not an error.
 * The report's id is its Message-ID, or the sha256 of its bytes when it has
 * none, so reading it twice is recognisable.
 */
export async function readReport(bytes: Buffer): Promise<ReadReport> {
  let parsed: Parsed;
  try {
    parsed = await parse(bytes);
  } catch (error) {
    return { type: 'skipped', reason: `not a readable message (${error instanceof Error ? error.message : String(error)})` };
  }
  const type = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== 'multipart/report') return { type: 'skipped', reason: 'not a multipart/report message' };
  const reportType = type.params?.['report-type']?.toLowerCase();
  if (reportType !== 'delivery-status' && reportType !== 'global-delivery-status') {
    return { type: 'skipped', reason: `a report of type ${reportType ?? 'unknown'}, not delivery-status` };
  }
  const part = parsed.parts.find((p) => STATUS_TYPES.has(p.contentType));
  if (!part) return { type: 'skipped', reason: 'a delivery-status report without its message/delivery-status part' };
  const status = parseDeliveryStatus(part.content.toString('utf8'));
  const bounces: Bounce[] = [];
  for (const r of status.recipients) {
    const kind = bounceKind(r);
    if (kind === null || r.address === null) continue;
    bounces.push({ address: r.address, original: r.original, kind, status: r.status ?? r.action ?? 'unknown', diagnostic: cut(r.diagnostic) });
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  const messageId = parsed.headers.get('message-id');
  const date = parsed.headers.get('date');
  return {
    type: 'report',
    id: (typeof messageId === 'string' && messageId.trim()) || `sha256:${digest}`,
    digest,
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : null,
    bounces: onePerAddress(bounces),
    unread: status.unread,
    refs: refsOf(parsed, status.message),
  };
}
