import type { DsnRecipient } from './delivery-status';

export type BounceKind = 'hard' | 'soft';

// An SMTP reply code in the diagnostic (`smtp; 550 …`), for reports that leave Status out.
const smtpClassOf = (diagnostic: string | null) => /^\s*smtp\s*;\s*([245])\d\d\b/i.exec(diagnostic ?? '')?.[1] ?? null;

/**
 * What one recipient's block means for its address: `hard` (it will not
 * take mail: failed with a 5.x.x status), `soft` (a temporary problem:
 * delayed, or failed with 4.x.x), or null (delivered, relayed, expanded: no
 * bounce at all).
 *
 * Status is required by RFC 3464 but not always sent: then the SMTP code in
 * Diagnostic-Code decides, and a bare "failed" counts as hard, since the
 * reporting server has given up on the message. A block without Action is
 * judged by its status alone.
 */
export function bounceKind(r: Pick<DsnRecipient, 'action' | 'status' | 'diagnostic'>): BounceKind | null {
  const statusClass = r.status?.[0] ?? smtpClassOf(r.diagnostic);
  switch (r.action) {
    case 'delayed':
      return 'soft';
    case 'failed':
      return statusClass === '4' ? 'soft' : 'hard';
    case 'delivered':
    case 'relayed':
    case 'expanded':
      return null;
    default:
      return statusClass === '5' ? 'hard' : statusClass === '4' ? 'soft' : null;
  }
}
