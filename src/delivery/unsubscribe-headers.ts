import type { UnsubscribeLinks } from '../unsubscribe';

/**
 * List-Unsubscribe with both forms, and List-Unsubscribe-Post, which tells
 * Gmail, Yahoo and others that a POST to the URL unsubscribes at once
 * (RFC 8058). Old rows without a recipient get neither.
 */
export function unsubscribeHeaders(links: UnsubscribeLinks | null | undefined): Record<string, string> {
  if (!links) return {};
  return {
    'List-Unsubscribe': `<${links.url}>, <${links.mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
