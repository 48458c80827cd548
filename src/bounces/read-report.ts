import { createHash } from 'node:crypto';
import { simpleParser, type SimpleParserOptions } from 'mailparser';
import { bounceKind, type BounceKind } from './bounce-kind';
import { parseDeliveryStatus } from './delivery-status';

export interface Bounce {
  address: string;
  kind: BounceKind;
  /** The x.y.z status, or the action when the report gave none. */
  status: string;
  diagnostic: string | null;
}

export type ReadReport =
  | { type: 'report'; id: string; date: Date | null; bounces: Bounce[] }
  | { type: 'skipped'; reason: string };

const STATUS_TYPES = ['message/delivery-status', 'message/global-delivery-status'];

// mailparser folds a delivery-status part into the message text unless told
// to keep it; kept, it comes back as an attachment with its own content type.
const options = { keepDeliveryStatus: true } as SimpleParserOptions;

/**
 * One received message, as a bounce report or as something to skip: a
 * message that is not a delivery-status report (an auto-reply, a person
 * writing back) is skipped, not an error. The report's id is its Message-ID,
 * or the sha256 of its bytes when it has none, so reading it twice is
 * recognisable.
 */
export async function readReport(bytes: Buffer): Promise<ReadReport> {
  const mail = await simpleParser(bytes, options);
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== 'multipart/report') return { type: 'skipped', reason: 'not a multipart/report message' };
  const reportType = type.params?.['report-type']?.toLowerCase();
  if (reportType !== 'delivery-status' && reportType !== 'global-delivery-status') {
    return { type: 'skipped', reason: `a report of type ${reportType ?? 'unknown'}, not delivery-status` };
  }
  const part = mail.attachments.find((a) => STATUS_TYPES.includes(a.contentType.toLowerCase()));
  if (!part) return { type: 'skipped', reason: 'a delivery-status report without its message/delivery-status part' };
  const bounces: Bounce[] = [];
  for (const r of parseDeliveryStatus(part.content.toString('utf8')).recipients) {
    const kind = bounceKind(r);
    if (kind === null || r.address === null) continue;
    bounces.push({ address: r.address, kind, status: r.status ?? r.action ?? 'unknown', diagnostic: r.diagnostic });
  }
  const id = mail.messageId?.trim() || `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  return { type: 'report', id, date: mail.date ?? null, bounces };
}
