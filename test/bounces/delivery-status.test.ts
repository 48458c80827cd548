import { addressOf, afterBounce, bounceKind, MAX_DSN_RECIPIENTS, parseDeliveryStatus, parseFieldBlock, statusCodeOf } from '../../src/bounces';

describe('parseFieldBlock', () => {
  it('reads fields case-insensitively and joins folded lines', () => {
    expect(parseFieldBlock('Final-Recipient: rfc822; a@b.test\nDIAGNOSTIC-code: smtp; 550 5.1.1 no\n    such user\n\tat all\nAction: failed')).toEqual({
      'final-recipient': 'rfc822; a@b.test',
      'diagnostic-code': 'smtp; 550 5.1.1 no such user at all',
      action: 'failed',
    });
  });

  it('a field named like an object property is a field like any other', () => {
    const fields = parseFieldBlock('__proto__: x\nconstructor: y\nStatus: 5.1.1');
    expect(fields).toEqual({ ['__proto__']: 'x', constructor: 'y', status: '5.1.1' });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('keeps the first of a repeated field and ignores lines that are not fields', () => {
    expect(parseFieldBlock('Status: 5.1.1\nnot a field\n  continuation of nothing\nStatus: 4.0.0')).toEqual({ status: '5.1.1' });
  });
});

describe('addressOf', () => {
  it.each([
    ['rfc822; Carol@Customer.test', 'carol@customer.test'],
    ['rfc822;carol@customer.test', 'carol@customer.test'],
    ['RFC822;  <carol@customer.test> ', 'carol@customer.test'],
    ['utf-8; jöRG@bücher.test', 'jörg@bücher.test'],
    ['carol@customer.test', 'carol@customer.test'],
    ['rfc822;', null],
    ['', null],
  ])('%p → %p', (value, address) => expect(addressOf(value)).toBe(address));

  it('undefined → null', () => expect(addressOf(undefined)).toBeNull());
});

describe('statusCodeOf', () => {
  it.each([
    ['5.1.1', '5.1.1'],
    [' 4.2.2 (mailbox full)', '4.2.2'],
    ['2.0.0', '2.0.0'],
    ['5.7.1234', null],
    ['550', null],
    ['x.1.1', null],
  ])('%p → %p', (value, code) => expect(statusCodeOf(value)).toBe(code));
});

describe('parseDeliveryStatus', () => {
  const report = [
    'Reporting-MTA: dns; mx.example.test',
    'Arrival-Date: Tue, 24 Nov 2026 10:15:01 +0000',
    '',
    'Final-Recipient: rfc822; One@Example.test',
    'Original-Recipient: rfc822;one@example.test',
    'Action: failed',
    'Status: 5.1.1 (bad mailbox)',
    'Diagnostic-Code: smtp; 550 5.1.1 user',
    '  unknown',
    '',
    'Original-Recipient: rfc822; two@example.test',
    'Action: Delayed',
    'Status: 4.4.1',
    '',
    'final-recipient: rfc822; three@example.test',
    'action: delivered',
    'status: 2.0.0',
    '',
    'Final-Recipient: rfc822; four@example.test',
    'Action: failed',
    '',
    '',
    'just some trailing text',
  ].join('\r\n');

  it('reads the per-message block and each recipient block', () => {
    const parsed = parseDeliveryStatus(report);
    expect(parsed.message).toEqual({ 'reporting-mta': 'dns; mx.example.test', 'arrival-date': 'Tue, 24 Nov 2026 10:15:01 +0000' });
    expect(parsed.recipients).toEqual([
      { address: 'one@example.test', original: 'one@example.test', action: 'failed', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 user unknown' },
      { address: 'two@example.test', original: 'two@example.test', action: 'delayed', status: '4.4.1', diagnostic: null },
      { address: 'three@example.test', original: null, action: 'delivered', status: '2.0.0', diagnostic: null },
      { address: 'four@example.test', original: null, action: 'failed', status: null, diagnostic: null },
    ]);
    expect(parsed.unread).toBe(0);
  });

  it('a blank line with spaces still separates blocks; a report with no recipient block has none', () => {
    expect(parseDeliveryStatus('Reporting-MTA: dns; a\n  \nFinal-Recipient: rfc822; x@y.test\nAction: failed\nStatus: 5.0.0').recipients).toHaveLength(1);
    expect(parseDeliveryStatus('Reporting-MTA: dns; a\n').recipients).toEqual([]);
    expect(parseDeliveryStatus('').recipients).toEqual([]);
  });

  it('reads a Diagnostic-Code folded over 200,000 lines whole, in one pass', () => {
    const folds = Array.from({ length: 200_000 }, (_, i) => `\t part${i}`);
    const text = ['Reporting-MTA: dns; a', '', 'Final-Recipient: rfc822; x@y.test', 'Action: failed', 'Diagnostic-Code: smtp; 550', ...folds, 'Status: 5.1.1'].join('\r\n');
    const [r] = parseDeliveryStatus(text).recipients;
    expect(r.status).toBe('5.1.1');
    expect(r.diagnostic).toBe(['smtp; 550', ...folds.map((f) => f.trim())].join(' '));
  });

  it(`reads at most ${MAX_DSN_RECIPIENTS} recipient blocks of one report and counts the rest`, () => {
    const blocks = Array.from({ length: 2000 }, (_, i) => `Final-Recipient: rfc822; victim${i}@example.test\nAction: failed\nStatus: 5.1.1`);
    const parsed = parseDeliveryStatus(['Reporting-MTA: dns; evil.example', ...blocks].join('\n\n'));
    expect(parsed.recipients.map((r) => r.address)).toEqual(Array.from({ length: MAX_DSN_RECIPIENTS }, (_, i) => `victim${i}@example.test`));
    expect(parsed.unread).toBe(2000 - MAX_DSN_RECIPIENTS);
  });

  it('an address longer than any real one is no address', () => {
    const text = `Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; ${'a'.repeat(400)}@y.test\nAction: failed\nStatus: 5.1.1`;
    expect(parseDeliveryStatus(text).recipients[0].address).toBeNull();
  });
});

describe('bounceKind', () => {
  const actions = ['failed', 'delayed', 'delivered', 'relayed', 'expanded', null, 'something-else'];
  const statuses = ['5.1.1', '4.2.2', '2.0.0', null];
  const diagnostics = ['smtp; 550 no such user', 'smtp; 452 try later', null];
  const expected = (action: string | null, status: string | null, diagnostic: string | null) => {
    const cls = status?.[0] ?? (diagnostic ? diagnostic.match(/ (\d)/)![1] : null);
    if (action === 'delayed') return 'soft';
    if (action === 'failed') return cls === '4' ? 'soft' : 'hard';
    if (action === 'delivered' || action === 'relayed' || action === 'expanded') return null;
    return cls === '5' ? 'hard' : cls === '4' ? 'soft' : null;
  };
  const cases = actions.flatMap((a) => statuses.flatMap((s) => diagnostics.map((d) => [a, s, d] as const)));

  it.each(cases)('action %p, status %p, diagnostic %p', (action, status, diagnostic) => {
    expect(bounceKind({ action, status, diagnostic })).toBe(expected(action, status, diagnostic));
  });

  it('the rules in words', () => {
    expect(bounceKind({ action: 'failed', status: '5.1.1', diagnostic: null })).toBe('hard');
    expect(bounceKind({ action: 'failed', status: '4.2.2', diagnostic: null })).toBe('soft');
    expect(bounceKind({ action: 'delayed', status: '5.0.0', diagnostic: null })).toBe('soft');
    expect(bounceKind({ action: 'failed', status: null, diagnostic: null })).toBe('hard');
    expect(bounceKind({ action: 'failed', status: null, diagnostic: 'smtp; 421 busy' })).toBe('soft');
    expect(bounceKind({ action: 'delivered', status: '2.0.0', diagnostic: null })).toBeNull();
  });
});

describe('afterBounce', () => {
  it('counts, and makes an address bouncing at the hard limit only', () => {
    const one = afterBounce(null, 'hard', 2);
    expect(one).toEqual({ hardBounces: 1, softBounces: 0, bouncing: false });
    expect(afterBounce(one, 'hard', 2)).toEqual({ hardBounces: 2, softBounces: 0, bouncing: true });
    expect(afterBounce(null, 'hard', 1)).toEqual({ hardBounces: 1, softBounces: 0, bouncing: true });
  });

  it('soft bounces never make an address bouncing, and bouncing stays until cleared', () => {
    let s = null as ReturnType<typeof afterBounce> | null;
    for (let i = 0; i < 50; i++) s = afterBounce(s, 'soft', 1);
    expect(s).toEqual({ hardBounces: 0, softBounces: 50, bouncing: false });
    expect(afterBounce({ hardBounces: 0, softBounces: 0, bouncing: true }, 'soft', 5).bouncing).toBe(true);
  });
});
