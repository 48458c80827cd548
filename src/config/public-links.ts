import { isIP } from 'node:net';
import type { Config } from './config';
import { sendsRealMail } from './secret-key';

// Names that never leave the machine they are typed on (RFC 6761 reserves
// .localhost; 127/8 and ::1 are loopback; 0.0.0.0 is "this host").
function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.') || h === '0.0.0.0';
  if (isIP(h) === 6) return h === '::1' || h === '::' || /^::ffff:127\./.test(h) || /^::ffff:7f/.test(h);
  return false;
}

/**
 * Why a base URL that goes into emails cannot work for their recipients, or
 * null when it can: a recipient's browser cannot reach this machine's
 * localhost, and mail providers make one-click unsubscribe (RFC 8058) only
 * to https.
 */
export function publicUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (isLocalHost(u.hostname)) return 'points at this machine, which recipients cannot reach';
  if (u.protocol !== 'https:') return 'is not https, and mail providers offer one-click unsubscribe (RFC 8058) only over https';
  return null;
}

/**
 * One line per base URL of links in emails that will not work in real mail,
 * naming its variable and value (which may be the default).
 */
export function linkBaseProblems(siteUrl: string, unsubscribeUrl: string): string[] {
  const problems: string[] = [];
  const check = (name: string, value: string, example: string) => {
    const problem = publicUrlProblem(value);
    if (problem !== null) problems.push(`${name} (${value}) ${problem}; expected the public https address, e.g. ${example}`);
  };
  check('SITE_URL', siteUrl, 'https://help.example.com');
  check('UNSUBSCRIBE_URL', unsubscribeUrl, 'https://mail.example.com');
  return problems;
}

/** What the notifier warns about when it starts: links that will not work in the real mail it sends. */
export function linkWarnings(config: Pick<Config, 'email' | 'unsubscribe'>): string[] {
  return sendsRealMail(config.email.backend) ? linkBaseProblems(config.email.siteUrl, config.unsubscribe.url) : [];
}
