import { describe, expect, it } from 'vitest';
import { PART_FILTER, partsEngine, searchNewestFirst, searchOlder, type PartedIndex } from '../../src/scripts/part-search.ts';
import type { SearchOptions } from '../../src/scripts/ranked-search.ts';

interface Page {
  id: string;
  part: string;
  text: string;
  date: string;
  score: number;
}

/**
 * A fake of Pagefind with merged indexes: it searches only the merged parts, a page matches when
 * it holds every query word, the part filter keeps one part's pages, and a date sort orders the
 * pages within each part (as Pagefind's merged search does not across them). Page ids, as
 * Pagefind's, are unique within a part only.
 */
function partedIndex(pages: Page[], initial: string[] = []): PartedIndex<Page> & { merges: string[] } {
  const merged = new Set(initial);
  const merges: string[] = [];
  return {
    merges,
    merged: () => merged,
    async merge(parts) {
      for (const part of parts) {
        if (merged.has(part)) continue;
        merged.add(part);
        merges.push(part);
      }
    },
    engine: {
      async search(query: string, options: SearchOptions = {}) {
        const words = query.replace(/"/g, '').toLowerCase().split(/\s+/);
        const part = options.filters?.[PART_FILTER];
        let found = pages.filter((page) => merged.has(page.part) && (!part || page.part === part) && words.every((word) => page.text.split(' ').includes(word)));
        const direction = options.sort?.date;
        if (direction) {
          const byPart = [...merged].flatMap((each) =>
            found.filter((page) => page.part === each).sort((a, b) => (direction === 'asc' ? a.date.localeCompare(b.date) : b.date.localeCompare(a.date))),
          );
          found = byPart;
        }
        return { results: found.map((page) => ({ id: page.id.replace(/^x-.*/, 'x'), score: page.score, data: async () => page })) };
      },
    },
  };
}

const parts = ['2024', '2023', '2022'];
const pages: Page[] = [
  { id: 'a1', part: '2024', text: 'chip export rules', date: '2024-05-01', score: 3 },
  { id: 'a2', part: '2024', text: 'chip makers', date: '2024-02-01', score: 2 },
  { id: 'b1', part: '2023', text: 'chip export rules tighten', date: '2023-07-01', score: 5 },
  { id: 'b2', part: '2023', text: 'satellite launch', date: '2023-01-01', score: 1 },
  { id: 'c1', part: '2022', text: 'chip subsidies', date: '2022-09-09', score: 2 },
  { id: 'c2', part: '2022', text: 'satellite chip', date: '2022-03-03', score: 4 },
];
/** Result ids without their part, as the pages above name them. */
const ids = (results: { id: string }[]) => results.map((result) => result.id.split('/')[1]);

describe('searchNewestFirst', () => {
  it('merges only the newest part when it has enough matches', async () => {
    const index = partedIndex(pages);
    const found = await searchNewestFirst(index, parts, 'chip', {}, 2);
    expect(ids(found.results)).toEqual(['a1', 'a2']);
    expect(found.searched).toBe(1);
    expect(index.merges).toEqual(['2024']);
  });

  it('merges older parts, newest first, until enough articles match', async () => {
    const index = partedIndex(pages);
    const found = await searchNewestFirst(index, parts, 'satellite', {}, 2);
    expect(ids(found.results).sort()).toEqual(['b2', 'c2']);
    expect(found.searched).toBe(3);
    expect(index.merges).toEqual(['2024', '2023', '2022']);
  });

  it('counts parts merged by an earlier search, so their matches are not returned twice later', async () => {
    const index = partedIndex(pages, ['2024', '2023']);
    const found = await searchNewestFirst(index, parts, 'chip', {}, 1);
    expect(found.searched).toBe(2);
    expect(ids(found.results)).toEqual(['b1', 'a1', 'a2']);
    const older = await searchOlder(index, parts, found.searched, 'chip', {});
    expect(ids(older.results)).toEqual(['c2', 'c1']);
  });

  it('reads the parts in date order for a date sort, and every part for the oldest first', async () => {
    const newest = await searchNewestFirst(partedIndex(pages), parts, 'chip', { sort: { date: 'desc' } }, 3);
    expect(ids(newest.results)).toEqual(['a1', 'a2', 'b1']);
    const index = partedIndex(pages);
    const oldest = await searchNewestFirst(index, parts, 'chip', { sort: { date: 'asc' } }, 1);
    expect(ids(oldest.results)).toEqual(['c2', 'c1', 'b1', 'a2', 'a1']);
    expect(oldest.searched).toBe(3);
  });

  it('finds nothing without parts', async () => {
    expect(await searchNewestFirst(partedIndex(pages), [], 'chip', {}, 10)).toEqual({ results: [], searched: 0 });
  });
});

describe('partsEngine', () => {
  it('merges the parts by score and keeps apart pages of different parts with the same id', async () => {
    const twins: Page[] = [
      { id: 'x-new', part: '2024', text: 'treaty', date: '2024-01-01', score: 1 },
      { id: 'x-old', part: '2023', text: 'treaty', date: '2023-01-01', score: 2 },
    ];
    const index = partedIndex(twins, ['2024', '2023']);
    const found = (await partsEngine(index.engine, ['2024', '2023']).search('treaty'))?.results ?? [];
    expect(found.map((result) => result.id)).toEqual(['2023/x', '2024/x']);
    expect((await Promise.all(found.map((result) => result.data()))).map((page) => page.id)).toEqual(['x-old', 'x-new']);
  });

  it("reads each result's data through Pagefind's own result object", async () => {
    // Pagefind frees a result's data once its result object is collected: a result whose data
    // reaches its page only through the object itself stands for that.
    class Result {
      readonly #page: Page;
      readonly id: string;
      constructor(page: Page) {
        this.#page = page;
        this.id = page.id;
      }
      async data(): Promise<Page> {
        return this.#page;
      }
    }
    const engine = { search: async () => ({ results: [new Result(pages[0])] }) };
    const [found] = (await partsEngine(engine, ['2024']).search('chip'))?.results ?? [];
    expect(await found.data()).toBe(pages[0]);
  });
});

describe('searchOlder', () => {
  it('passes over parts without a match and says when every part is searched', async () => {
    const index = partedIndex(pages);
    const first = await searchNewestFirst(index, parts, 'subsidies', {}, 0);
    expect(first).toMatchObject({ searched: 1 });
    const next = await searchOlder(index, parts, first.searched, 'subsidies', {});
    expect(ids(next.results)).toEqual(['c1']);
    expect(next.searched).toBe(3);
    expect(await searchOlder(index, parts, next.searched, 'subsidies', {})).toEqual({ results: [], searched: 3 });
  });

  it("returns only the next part's matches, though every merged part is searched", async () => {
    const index = partedIndex(pages);
    const first = await searchNewestFirst(index, parts, 'chip', {}, 2);
    const next = await searchOlder(index, parts, first.searched, 'chip', {});
    expect(ids(next.results)).toEqual(['b1']);
    expect(next.searched).toBe(2);
  });
});
