import { describe, expect, it } from 'vitest';
import { rankedSearch, type SearchEngine } from '../../src/scripts/ranked-search.ts';

/** A fake engine: "loose" matches any page with all the words, "exact" the phrase. */
function engine(pages: Record<string, string>): SearchEngine<string> & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async search(query) {
      queries.push(query);
      const phrase = /^"(.*)"$/.exec(query)?.[1];
      const ids = Object.keys(pages).filter((id) =>
        phrase ? pages[id].includes(phrase) : query.split(/\s+/).every((word) => pages[id].split(/\s+/).includes(word)),
      );
      return { results: ids.map((id) => ({ id, data: async () => id })) };
    },
  };
}

const pages = { a: 'new export rules tighten chips', b: 'chips rules new export tighten', c: 'rules new export chips tighten' };

describe('rankedSearch', () => {
  it('puts pages with the exact phrase first, then the rest in engine order', async () => {
    const results = await rankedSearch(engine(pages), 'new export chips');
    expect(results.map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });
  it('leaves one or two words, quoted queries and date-sorted searches to the engine', async () => {
    for (const [query, options] of [['chips', {}], ['export chips', {}], ['"rules new export"', {}], ['new export chips', { sort: { date: 'desc' as const } }]] as const) {
      const fake = engine(pages);
      await rankedSearch(fake, query, options);
      expect(fake.queries).toEqual([query]);
    }
  });
  it('keeps the engine order when no page has the phrase', async () => {
    expect((await rankedSearch(engine(pages), 'chips new export')).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
