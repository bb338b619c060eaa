import { describe, expect, it } from 'vitest';
import { searchParts, type PartArticle } from '../../src/lib/search-parts.ts';

function articles(count: number, day: (index: number) => string, prefix = 'a'): PartArticle[] {
  return Array.from({ length: count }, (_, index) => ({ slug: `${prefix}${String(index).padStart(4, '0')}`, date: day(index) }));
}

const ids = (list: PartArticle[], limit?: number) => searchParts(list, limit).map((part) => part.id);

describe('searchParts', () => {
  it('puts each year in a part of its own, newest first, slugs in code-point order', () => {
    const parts = searchParts([
      { slug: 'b', date: '2023-05-01' },
      { slug: 'Z', date: '2024-01-09' },
      { slug: 'a', date: '2023-12-31' },
      { slug: 'c', date: '2021-02-02' },
    ]);
    expect(parts).toEqual([
      { id: '2024', slugs: ['Z'] },
      { id: '2023', slugs: ['a', 'b'] },
      { id: '2021', slugs: ['c'] },
    ]);
  });

  it('splits a year over the limit by quarter, and a quarter still over it by month', () => {
    // 2024: 6 in January, 2 in February, 1 in May, 1 in November; 2023 under the limit.
    const days = ['2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08', '2024-02-01', '2024-02-02', '2024-05-01', '2024-11-30'];
    const list = [...articles(days.length, (i) => days[i]), ...articles(3, () => '2023-06-01', 'old')];
    expect(ids(list, 5)).toEqual(['2024-q4', '2024-q2', '2024-02', '2024-01', '2023']);
    const parts = searchParts(list, 5);
    expect(parts.find((part) => part.id === '2024-01')?.slugs).toHaveLength(6);
  });

  it('places every article in exactly one part', () => {
    const list = articles(500, (i) => `20${10 + (i % 7)}-${String((i % 12) + 1).padStart(2, '0')}-15`);
    const slugs = searchParts(list, 20).flatMap((part) => part.slugs);
    expect(slugs.sort()).toEqual(list.map((article) => article.slug).sort());
  });

  it('moves no other article when one is added, edited or removed', () => {
    const list = articles(40, (i) => `20${20 + (i % 4)}-0${(i % 9) + 1}-01`);
    const partOf = (parts: ReturnType<typeof searchParts>) => new Map(parts.flatMap((part) => part.slugs.map((slug) => [slug, part.id])));
    const before = partOf(searchParts(list, 8));
    const variants = [
      [...list, { slug: 'new', date: '2021-03-04' }],
      list.slice(1),
      list.map((article, index) => (index === 5 ? { ...article, date: '2020-01-01' } : article)),
    ];
    for (const variant of variants) {
      const after = partOf(searchParts(variant, 8));
      const moved = variant.filter((article) => article.slug !== 'new' && article.slug !== list[5].slug && before.get(article.slug) !== after.get(article.slug));
      expect(moved).toEqual([]);
    }
  });

  it('does not depend on the order of its input', () => {
    const list = articles(60, (i) => `201${i % 5}-0${(i % 9) + 1}-02`);
    expect(searchParts([...list].reverse(), 7)).toEqual(searchParts(list, 7));
  });

  it('names the article whose date is not a day', () => {
    expect(() => searchParts([{ slug: 'odd', date: '2024-1-5' }])).toThrow(/"odd".*"2024-1-5"/);
  });
});
