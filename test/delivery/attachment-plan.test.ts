import { planAttachments, roomLeft, type FoundFile } from '../../src/delivery/attachment-plan';
import { formatSize } from '../../emails/_components/attachment-list';

const ref = (id: number, over: Partial<FoundFile['ref']> = {}): FoundFile['ref'] => ({
  id,
  filename: `f${id}.bin`,
  contentType: null,
  path: `/files/f${id}.bin`,
  url: null,
  size: null,
  ...over,
});
const page = (r: FoundFile['ref']) => `https://help.test/tickets/1/attachments/${r.id}`;
const limits = { maxBytes: 100, totalMaxBytes: 250 };

describe('planAttachments', () => {
  it('attaches files within the per-file limit until the total is reached; a later smaller one may still fit', () => {
    const plan = planAttachments(
      [
        { ref: ref(1), diskSize: 100 },
        { ref: ref(2), diskSize: 101 },
        { ref: ref(3), diskSize: 100 },
        { ref: ref(4), diskSize: 60 },
        { ref: ref(5), diskSize: 50 },
        { ref: ref(6), diskSize: 0 },
      ],
      limits,
      page,
    );
    expect(plan.map((d) => d.as)).toEqual(['attached', 'linked', 'attached', 'linked', 'attached', 'attached']);
    expect(plan[1]).toEqual({ as: 'linked', href: page(ref(2)), size: 101 });
    expect(plan[0]).toEqual({ as: 'attached', href: null, size: 100 });
  });

  it('a file on disk that is not attached links to its URL when it has one', () => {
    expect(planAttachments([{ ref: ref(1, { url: 'https://cdn.test/f1' }), diskSize: 1000 }], limits, page)).toEqual([
      { as: 'linked', href: 'https://cdn.test/f1', size: 1000 },
    ]);
  });

  it('a file known only by URL is linked with its stored size, never attached', () => {
    expect(planAttachments([{ ref: ref(1, { path: null, url: 'https://cdn.test/f1', size: 10 }) }], limits, page)).toEqual([
      { as: 'linked', href: 'https://cdn.test/f1', size: 10 },
    ]);
  });

  it('a missing file is unavailable, or linked when it also has a URL', () => {
    expect(planAttachments([{ ref: ref(1, { size: 5 }), diskSize: null }], limits, page)).toEqual([{ as: 'unavailable', href: null, size: 5 }]);
    expect(planAttachments([{ ref: ref(1, { url: 'https://cdn.test/f1' }), diskSize: null }], limits, page)[0].as).toBe('linked');
  });

  it('a file with neither path nor URL is unavailable', () => {
    expect(planAttachments([{ ref: ref(1, { path: null }) }], limits, page)).toEqual([{ as: 'unavailable', href: null, size: null }]);
  });

  it('limits of 0 attach nothing, not even empty files', () => {
    expect(planAttachments([{ ref: ref(1), diskSize: 0 }], { maxBytes: 0, totalMaxBytes: 0 }, () => null)).toEqual([{ as: 'linked', href: null, size: 0 }]);
    expect(planAttachments([{ ref: ref(1), diskSize: 0 }], { maxBytes: 100, totalMaxBytes: 0 }, page)[0].as).toBe('linked');
    expect(planAttachments([{ ref: ref(1), diskSize: 0 }], { maxBytes: 0, totalMaxBytes: 100 }, page)[0].as).toBe('linked');
  });
});

describe('roomLeft', () => {
  it.each([
    [{ maxBytes: 100, totalMaxBytes: 250 }, 0, 100],
    [{ maxBytes: 100, totalMaxBytes: 250 }, 200, 50],
    [{ maxBytes: 100, totalMaxBytes: 250 }, 250, 0],
    [{ maxBytes: 100, totalMaxBytes: 100 }, 100, 0],
    [{ maxBytes: 0, totalMaxBytes: 250 }, 0, -1],
    [{ maxBytes: 100, totalMaxBytes: 0 }, 0, -1],
  ])('%p after %p bytes: %p', (limits, attached, room) => expect(roomLeft(limits, attached)).toBe(room));

  it('planAttachments attaches a file exactly when both limits allow it, over every small case', () => {
    for (const maxBytes of [0, 1, 3, 5])
      for (const totalMaxBytes of [0, 1, 4, 7])
        for (const first of [0, 1, 2, 4])
          for (const second of [0, 1, 2, 3, 6]) {
            const limits = { maxBytes, totalMaxBytes };
            const plan = planAttachments([{ ref: ref(1), diskSize: first }, { ref: ref(2), diskSize: second }], limits, page);
            const fits = (size: number, before: number) => maxBytes > 0 && totalMaxBytes > 0 && size <= maxBytes && before + size <= totalMaxBytes;
            const expected = [fits(first, 0), fits(second, fits(first, 0) ? first : 0)].map((yes) => (yes ? 'attached' : 'linked'));
            expect([limits, first, second, plan.map((d) => d.as)]).toEqual([limits, first, second, expected]);
          }
  });
});

describe('formatSize', () => {
  it.each([
    [0, 'en', '0 bytes'],
    [1023, 'en', '1,023 bytes'],
    [1024, 'en', '1 KB'],
    [1536, 'en', '1.5 KB'],
    [1536, 'de', '1,5 KB'],
    [20 * 1024, 'en', '20 KB'],
    [5 * 1024 * 1024 + 300_000, 'en', '5.3 MB'],
    [3 * 1024 ** 3, 'de', '3 GB'],
  ] as const)('%p bytes in %p → %p', (bytes, locale, text) => expect(formatSize(bytes, locale)).toBe(text));
});
