import { previewProps } from '../../emails/previews';
import { headerText, subjectFor } from '../../src/rendering';

describe('headerText', () => {
  it('turns CR, LF and other control characters into single spaces', () => {
    expect(headerText('Hello\r\nBcc: victim@example.com')).toBe('Hello Bcc: victim@example.com');
    expect(headerText('a\u0000b\u0007c\u2028d\u0085e')).toBe('a b c d e');
  });

  it('shortens long text on a character boundary with an ellipsis', () => {
    const out = headerText('😀'.repeat(300), 50);
    expect(Array.from(out)).toHaveLength(50);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\ud800-\udbff]…$/);
  });
});

describe('subjectFor', () => {
  it('carries the ticket number and the event', () => {
    const { payload } = previewProps({ event: 'status_changed', ticket: { ...previewProps().payload.ticket, subject: 'Printer on fire' } });
    expect(subjectFor(payload)).toBe('[#42] Status changed: Printer on fire');
  });

  it('is one bounded line whatever the ticket subject holds', () => {
    const { payload } = previewProps({ ticket: { ...previewProps().payload.ticket, subject: `x\r\nBcc: a@b.c ${'long '.repeat(100)}` } });
    const subject = subjectFor(payload);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(160);
  });

  it('names an internal note as such', () => {
    const { payload } = previewProps({
      event: 'comment_added',
      comments: [{ id: 1, authorName: 'A', content: 'x', isInternal: true, createdAt: new Date().toISOString() }],
    });
    expect(subjectFor(payload)).toMatch(/^\[#42\] Internal note: /);
  });
});
