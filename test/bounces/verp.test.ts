import fc from 'fast-check';
import { verpSender, verpTagOf } from '../../src/bounces';
import { signature } from '../../src/config';

const secret = 'test-secret-key-0123456789abcdef0123456789abcdef';
const settings = { address: 'bounces@helpdesk.example', secretKey: secret };
const localPart = (address: string) => address.slice(0, address.lastIndexOf('@'));

describe('verpSender', () => {
  it('tags the bounce mailbox with the row id and a signature, on its domain', () => {
    expect(verpSender(settings, 42)).toMatch(/^bounces\+42\.[0-9a-f]{24}@helpdesk\.example$/);
    expect(verpSender(settings, 42)).toBe(verpSender(settings, 42));
    expect(verpSender(settings, 43)).not.toBe(verpSender(settings, 42));
    expect(verpSender({ ...settings, secretKey: `${secret}x` }, 42)).not.toBe(verpSender(settings, 42));
  });

  it('keeps the local part within 64 characters for the longest mailbox name and the largest id', () => {
    const longest = { address: `${'b'.repeat(28)}@helpdesk.example`, secretKey: secret };
    expect(localPart(verpSender(longest, 2_147_483_647))).toHaveLength(64);
  });

  it('round-trips every id, also when a server lower- or upper-cases the address', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_147_483_647 }), (id) => {
        const sender = verpSender(settings, id);
        expect(verpTagOf(sender, secret)).toEqual({ ok: true, outboxId: id });
        expect(verpTagOf(sender.toUpperCase(), secret)).toEqual({ ok: true, outboxId: id });
      }),
    );
  });
});

describe('verpTagOf', () => {
  const good = verpSender(settings, 42);
  const hex = localPart(good).split('.')[1];

  it('an address without a tag is no evidence either way', () => {
    expect(verpTagOf('support@helpdesk.example', secret)).toBeNull();
    expect(verpTagOf('bounces@helpdesk.example', secret)).toBeNull();
  });

  it.each([
    ['another row id with the signature of 42', `bounces+43.${hex}@helpdesk.example`],
    ['a changed signature', `bounces+42.${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}@helpdesk.example`],
    ['a signature made with another key', verpSender({ ...settings, secretKey: 'another-key-0123456789abcdef0123456789' }, 42)],
  ])('refuses %s', (_what, address) => {
    expect(verpTagOf(address, secret)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['no signature', 'bounces+42@helpdesk.example'],
    ['a short signature', `bounces+42.${hex.slice(0, 20)}@helpdesk.example`],
    ['a leading zero', `bounces+042.${hex}@helpdesk.example`],
    ['an id past 32 bits', `bounces+2147483648.${hex}@helpdesk.example`],
    ['an id of zero', `bounces+0.${hex}@helpdesk.example`],
    ['trailing text', `bounces+42.${hex}x@helpdesk.example`],
    ['a negative id', `bounces+-42.${hex}@helpdesk.example`],
  ])('calls %s malformed', (_what, address) => {
    expect(verpTagOf(address, secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a signature of the same id made for another purpose (unsubscribe) does not pass', () => {
    const other = signature('unsubscribe', '42', secret).subarray(0, 12).toString('hex');
    expect(verpTagOf(`bounces+42.${other}@helpdesk.example`, secret)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
