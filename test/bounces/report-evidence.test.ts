import { judgeBounces, type Bounce, type ReportEvidence } from '../../src/bounces';

const bounce = (address: string, more: Partial<Bounce> = {}): Bounce => ({ address, original: null, kind: 'hard', status: '5.1.1', diagnostic: null, ...more });
const evidence = (more: Partial<ReportEvidence> = {}): ReportEvidence => ({ emails: [], badTags: 0, goneRows: 0, ...more });
const carolsEmail = { outboxId: 7, recipient: 'carol@customer.test', guessable: false };

const NONE = 'it refers to no email sent from here (no signed bounce address, no known Message-ID)';
const OTHER = 'the email it returns went to another address';
const FORGED = 'its bounce address carries a forged or damaged signature';
const GONE = 'the email it returns is no longer in the outbox';
const GUESSABLE = 'its only reference is a Message-ID of the old form, made from the ticket and the address alone, which anyone can work out (BOUNCE_ADDRESS makes such bounces count)';

describe('judgeBounces', () => {
  it('counts a bounce about the address a proven email went to, against that email', () => {
    expect(judgeBounces([bounce('carol@customer.test')], evidence({ emails: [carolsEmail] }))).toEqual([
      { ...bounce('carol@customer.test'), outboxId: 7, ignored: null },
    ]);
  });

  it('a report proving nothing changes nothing, however many addresses it names', () => {
    const many = Array.from({ length: 50 }, (_, i) => bounce(`victim${i}@example.test`));
    const judged = judgeBounces(many, evidence());
    expect(judged).toHaveLength(50);
    expect(judged.every((b) => b.ignored === NONE && b.outboxId === null)).toBe(true);
  });

  it('a proven email counts for its own address only: the other addresses of the report are ignored', () => {
    const judged = judgeBounces([bounce('victim@example.test'), bounce('carol@customer.test')], evidence({ emails: [carolsEmail] }));
    expect(judged.map((b) => [b.address, b.ignored])).toEqual([
      ['victim@example.test', OTHER],
      ['carol@customer.test', null],
    ]);
  });

  it.each([
    ['a forged tag', evidence({ badTags: 1 }), FORGED],
    ['a signed tag of a row that is gone', evidence({ goneRows: 1 }), GONE],
    ['an email to someone else', evidence({ emails: [carolsEmail] }), OTHER],
    ['an email to someone else and a forged tag', evidence({ emails: [carolsEmail], badTags: 2 }), OTHER],
    ['nothing at all', evidence(), NONE],
  ])('ignores a bounce backed by %s, saying why', (_what, e, reason) => {
    expect(judgeBounces([bounce('victim@example.test')], e)).toEqual([{ ...bounce('victim@example.test'), outboxId: null, ignored: reason }]);
  });

  it('a Message-ID anyone can work out proves nothing, even for its own address', () => {
    const guessable = { ...carolsEmail, guessable: true };
    expect(judgeBounces([bounce('carol@customer.test')], evidence({ emails: [guessable] }))[0].ignored).toBe(GUESSABLE);
    expect(judgeBounces([bounce('victim@example.test')], evidence({ emails: [guessable] }))[0].ignored).toBe(OTHER);
  });

  it('a forwarded address counts against the one the email went to, named by Original-Recipient', () => {
    const forwarded = bounce('carol@elsewhere.test', { original: 'carol@customer.test' });
    expect(judgeBounces([forwarded], evidence({ emails: [carolsEmail] }))).toEqual([{ ...forwarded, address: 'carol@customer.test', outboxId: 7, ignored: null }]);
  });

  it('two blocks that come to the same address count once, hard if either is', () => {
    const soft = bounce('carol@elsewhere.test', { original: 'carol@customer.test', kind: 'soft', status: '4.2.2' });
    const hard = bounce('carol@customer.test');
    for (const order of [[soft, hard], [hard, soft]]) {
      const judged = judgeBounces(order, evidence({ emails: [carolsEmail] }));
      expect(judged).toHaveLength(1);
      expect(judged[0]).toMatchObject({ address: 'carol@customer.test', kind: 'hard', ignored: null });
    }
  });
});
