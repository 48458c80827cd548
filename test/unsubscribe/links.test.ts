import { composeMessage } from '../../src/delivery/compose-message';
import { unsubscribeHeaders } from '../../src/delivery/unsubscribe-headers';
import type { EmailOutbox } from '../../src/db';
import { isMandatory, notificationEvents } from '../../src/notifications';
import { scopeForEmail, unsubscribeLinksFor, verifyUnsubscribeToken, type UnsubscribeSettings } from '../../src/unsubscribe';

const settings: UnsubscribeSettings = { secretKey: 's'.repeat(32), tokenDays: 90, url: 'https://mail.example.com/', mailto: 'unsubscribe@example.com' };
const NOW = new Date('2026-06-01T00:00:00Z');

describe('the scope an email offers', () => {
  it('is the email’s own event, or "all" where that event cannot be turned off alone', () => {
    for (const kind of ['user', 'customer'] as const) {
      for (const event of notificationEvents) expect(scopeForEmail(kind, event)).toBe(isMandatory(kind, event) ? 'all' : event);
    }
    expect(scopeForEmail('customer', 'ticket_resolved')).toBe('all');
    expect(scopeForEmail('customer', 'ticket_closed')).toBe('all');
    expect(scopeForEmail('user', 'ticket_closed')).toBe('ticket_closed');
  });

  it('is "all" for emails that are no ticket event, such as a digest', () => {
    expect(scopeForEmail('user', 'daily_digest')).toBe('all');
    expect(scopeForEmail('customer', 'something_new')).toBe('all');
  });
});

describe('unsubscribe links of an outbox row', () => {
  const row = { recipientKind: 'customer', recipientId: 9, event: 'comment_added' };

  it('sign the recipient and scope, valid for UNSUBSCRIBE_TOKEN_DAYS', () => {
    const links = unsubscribeLinksFor(row, settings, NOW)!;
    expect(links.url).toBe(`https://mail.example.com/unsubscribe?token=${links.token}`);
    expect(links.mailto).toBe(`mailto:unsubscribe@example.com?subject=unsubscribe%20${links.token}`);
    const v = verifyUnsubscribeToken(links.token, settings.secretKey, NOW);
    expect(v).toEqual({ ok: true, claim: { kind: 'customer', id: 9, scope: 'comment_added', expiresAt: new Date('2026-08-30T00:00:00Z') } });
    expect(verifyUnsubscribeToken(links.token, settings.secretKey, new Date('2026-08-30T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('differ per recipient', () => {
    const a = unsubscribeLinksFor(row, settings, NOW)!;
    const b = unsubscribeLinksFor({ ...row, recipientId: 10 }, settings, NOW)!;
    const c = unsubscribeLinksFor({ ...row, recipientKind: 'user' }, settings, NOW)!;
    expect(new Set([a.token, b.token, c.token]).size).toBe(3);
  });

  it('are not made for rows queued before rows named their recipient', () => {
    expect(unsubscribeLinksFor({ recipientKind: null, recipientId: null, event: 'comment_added' }, settings, NOW)).toBeNull();
    expect(unsubscribeLinksFor({ recipientKind: 'customer', recipientId: null, event: 'comment_added' }, settings, NOW)).toBeNull();
    expect(unsubscribeLinksFor({ recipientKind: 'robot', recipientId: 3, event: 'comment_added' }, settings, NOW)).toBeNull();
  });
});

describe('List-Unsubscribe headers', () => {
  it('offer the URL and the mailto, and one-click POST (RFC 8058)', () => {
    const links = unsubscribeLinksFor({ recipientKind: 'user', recipientId: 1, event: 'ticket_assigned' }, settings, NOW)!;
    expect(unsubscribeHeaders(links)).toEqual({
      'List-Unsubscribe': `<https://mail.example.com/unsubscribe?token=${links.token}>, <mailto:unsubscribe@example.com?subject=unsubscribe%20${links.token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('are absent without links', () => {
    expect(unsubscribeHeaders(null)).toEqual({});
    expect(unsubscribeHeaders(undefined)).toEqual({});
  });

  it('go into the composed message beside the thread headers', () => {
    const row = { recipientName: 'Ada', recipientEmail: 'ada@x.test', messageId: '<m@x.test>', ticketId: 5, event: 'ticket_assigned' } as EmailOutbox;
    const rendered = { subject: 's', html: '<p>h</p>', text: 'h' };
    const links = unsubscribeLinksFor({ recipientKind: 'user', recipientId: 1, event: 'ticket_assigned' }, settings, NOW)!;
    const message = composeMessage(row, rendered, 'Helpdesk <noreply@x.test>', 'x.test', links);
    expect(message.headers).toMatchObject({ 'X-Ticket-Event': 'ticket_assigned', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(message.headers).toHaveProperty('In-Reply-To');
    expect(composeMessage(row, rendered, 'Helpdesk <noreply@x.test>', 'x.test').headers).not.toHaveProperty('List-Unsubscribe');
  });
});
