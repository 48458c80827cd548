/** One recipient block of a report, as a mail server writes it. */
export interface DsnBlock {
  final?: string;
  original?: string;
  action?: string;
  status?: string;
  diagnostic?: string;
}

export interface DsnSpec {
  /** The report's own Message-ID; none when null. */
  messageId?: string | null;
  /** Its To header: the envelope sender of the email it returns. */
  to?: string;
  /** Headers the receiving server adds, e.g. { 'Delivered-To': 'bounces+…' }. */
  envelope?: Record<string, string>;
  blocks: DsnBlock[];
  /** The returned email's headers, and how they are attached. */
  returned?: { headers: Record<string, string>; as: 'message/rfc822' | 'text/rfc822-headers' };
  /** Extra lines in the per-message block of the delivery-status part. */
  perMessage?: string[];
}

let n = 0;

/**
 * A delivery-status report (RFC 3464) as Postfix would write it, for tests
 * that need one addressed to a particular envelope sender or returning a
 * particular email.
 */
export function dsn(spec: DsnSpec): string {
  n += 1;
  const messageId = spec.messageId === undefined ? `<dsn-${n}-${Date.now()}@mx.relay.test>` : spec.messageId;
  const block = (b: DsnBlock) =>
    [
      b.final === undefined ? null : `Final-Recipient: rfc822; ${b.final}`,
      b.original === undefined ? null : `Original-Recipient: rfc822; ${b.original}`,
      `Action: ${b.action ?? 'failed'}`,
      `Status: ${b.status ?? '5.1.1'}`,
      b.diagnostic === undefined ? null : `Diagnostic-Code: ${b.diagnostic}`,
    ]
      .filter((l) => l !== null)
      .join('\n');
  const returned = spec.returned
    ? [
        '--BOUNDARY',
        `Content-Type: ${spec.returned.as}`,
        '',
        ...Object.entries(spec.returned.headers).map(([k, v]) => `${k}: ${v}`),
        '',
        ...(spec.returned.as === 'message/rfc822' ? ['Hello, this is the email that bounced.', ''] : []),
      ]
    : [];
  return [
    'Return-Path: <>',
    ...Object.entries(spec.envelope ?? {}).map(([k, v]) => `${k}: ${v}`),
    'From: MAILER-DAEMON@mx.relay.test (Mail Delivery System)',
    `To: ${spec.to ?? 'support@helpdesk.test'}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 24 Nov 2026 10:15:03 +0000',
    ...(messageId === null ? [] : [`Message-ID: ${messageId}`]),
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
    '',
    '--BOUNDARY',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    '--BOUNDARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.relay.test',
    ...(spec.perMessage ?? []),
    '',
    ...spec.blocks.map((b) => `${block(b)}\n`),
    ...returned,
    '--BOUNDARY--',
    '',
  ].join('\n');
}
