import { describe, expect, it } from 'vitest';
import { digestOf, keyed } from '../../src/lib/page-key.ts';

const article = () => ({ slug: 'a', title: 'Chips', date: new Date('2024-05-01'), topics: [{ slug: 'chips', name: 'Chips' }], html: '<p>x</p>' });

describe('page cache keys', () => {
  it('are equal for values of equal content, built apart', () => {
    expect(digestOf({ page: 1, items: [article()] })).toBe(digestOf({ items: [article()], page: 1 }));
  });

  it('change with any string, number, date or entry anywhere inside', () => {
    const base = digestOf([article()]);
    const changes = [
      { ...article(), title: 'Chips!' },
      { ...article(), date: new Date('2024-05-02') },
      { ...article(), topics: [{ slug: 'chips', name: 'Semiconductors' }] },
      { ...article(), topics: [] },
      { ...article(), html: '<p>y</p>' },
      { ...article(), summary: undefined },
      { ...article(), words: 0 },
    ];
    const digests = changes.map((each) => digestOf([each]));
    expect(digests).not.toContain(base);
    expect(new Set(digests).size).toBe(changes.length);
    expect(digestOf(['ab', 'c'])).not.toBe(digestOf(['a', 'bc']));
    expect(digestOf([1, '1', true, null, undefined])).not.toBe(digestOf(['1', 1, 'true', undefined, null]));
  });

  it('see into maps, sets and patterns', () => {
    expect(digestOf(new Map([['a', 1]]))).not.toBe(digestOf(new Map([['a', 2]])));
    expect(digestOf(new Set(['a']))).not.toBe(digestOf(new Set(['b'])));
    expect(digestOf(/huawei/i)).not.toBe(digestOf(/huawei/));
  });

  it('refuse what they cannot see into', () => {
    expect(() => digestOf({ page: { url: () => '/x/' } })).toThrow(/function at \.page\.url/);
    expect(() => digestOf({ link: new URL('https://example.org/') })).toThrow(/URL instance at \.link/);
    const week: { key: string; older?: unknown } = { key: '2024-W01' };
    week.older = week;
    expect(() => digestOf([week])).toThrow(/refer to themselves at \[0\]\.older/);
  });

  it('key each route by its parameters and props', () => {
    const [one, two, three] = keyed([
      { params: { slug: 'a' }, props: { article: article() } },
      { params: { slug: 'b' }, props: { article: article() } },
      { params: { slug: 'a' }, props: { article: { ...article(), title: 'Other' } } },
    ]);
    expect(one.cacheKey).not.toBe(two.cacheKey);
    expect(one.cacheKey).not.toBe(three.cacheKey);
    expect(keyed([{ params: { slug: 'a' }, props: { article: article() } }])[0].cacheKey).toBe(one.cacheKey);
  });
});
