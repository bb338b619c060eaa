import { describe, expect, it } from 'vitest';
import { rankedSearch, searchableQuery, titleKey, type SearchEngine } from '../../src/scripts/ranked-search.ts';

/**
 * A fake engine that behaves like Pagefind where it matters here: words are indexed without
 * their inner punctuation, every query word matches as a prefix, a quoted query matches whole
 * words in order, and a query word starting with "$" or holding "+" matches nothing.
 */
function engine(pages: Record<string, string>): SearchEngine<{ title: string }> & { queries: string[] } {
  const words = (text: string) => text.toLowerCase().split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  const queries: string[] = [];
  return {
    queries,
    async search(query) {
      queries.push(query);
      const phrase = /^"(.*)"$/.exec(query)?.[1];
      const ids = Object.keys(pages).filter((id) => {
        const page = words(pages[id]);
        if (phrase !== undefined) {
          const wanted = words(phrase);
          return page.some((_, start) => wanted.every((word, i) => page[start + i] === word));
        }
        if (/(^|\s)[$¥]|\+/.test(query)) return false;
        return words(query).every((word) => page.some((each) => each.startsWith(word)));
      });
      return { results: ids.map((id) => ({ id, data: async () => ({ title: pages[id].split(' | ')[0] }) })) };
    },
  };
}

const pages = { a: 'new export rules tighten chips', b: 'chips rules new export tighten', c: 'rules new export chips tighten' };
const ids = (results: { id: string }[]) => results.map((r) => r.id);

describe('rankedSearch', () => {
  it('puts pages with the exact phrase first, then the rest in engine order', async () => {
    expect(ids(await rankedSearch(engine(pages), 'new export chips'))).toEqual(['c', 'a', 'b']);
  });
  it('leaves one or two words without numbers, quoted queries and date-sorted searches to the engine', async () => {
    for (const [query, options] of [['chips', {}], ['export chips', {}], ['"rules new export"', {}], ['new export chips', { sort: { date: 'desc' as const } }]] as const) {
      const fake = engine(pages);
      await rankedSearch(fake, query, options);
      expect(fake.queries).toEqual([query]);
    }
  });
  it('keeps the engine order when no page has the phrase', async () => {
    expect(ids(await rankedSearch(engine(pages), 'chips new export'))).toEqual(['a', 'b', 'c']);
  });

  // Pages where the number is only a prefix come first in the engine's own order.
  const money = {
    filler: 'Filler 336 and 330 | 3300 units sold',
    year: 'Sales in 1854 and 184 | old figures',
    debt: 'Public debt reaches £3.3 trillion | the debt office said',
    merger: 'Merger worth $1.3bn approved | regulators agreed',
    foundry: 'Foundry moves to N+2 process node | the node shrinks',
    inflation: 'Inflation falls to 1.8% in October | prices',
  };
  it('finds amounts and model numbers the way they are written', async () => {
    expect(ids(await rankedSearch(engine(money), '$1.3bn'))).toEqual(['merger']);
    expect(ids(await rankedSearch(engine(money), 'N+2'))).toEqual(['foundry']);
    expect(ids(await rankedSearch(engine(money), '£3.3 trillion'))).toEqual(['debt']);
  });
  it('puts the page with the exact number before pages where it is only a prefix', async () => {
    expect(ids(await rankedSearch(engine(money), '3.3'))[0]).toBe('debt');
    expect(ids(await rankedSearch(engine(money), '1.8'))[0]).toBe('inflation');
  });
  it('puts the page whose title is the query before longer titles that contain it', async () => {
    const apple = {
      mini: 'Apple unveils Mac mini | Apple unveils Mac mini with a new chip',
      mac: 'Apple unveils Mac | Apple unveils Mac with a bigger screen and more about the Mac',
      pro: 'Apple unveils Mac Pro | the Mac Pro',
    };
    const title = (data: { title: string }) => data.title;
    expect(ids(await rankedSearch(engine(apple), 'Apple unveils Mac', {}, title))[0]).toBe('mac');
    expect(ids(await rankedSearch(engine(apple), 'apple unveils mac mini', {}, title))[0]).toBe('mini');
    const tiktok = { longer: 'TikTok deadline extended | by 75 days', exact: 'TikTok deadline | 270 days to sell' };
    expect(ids(await rankedSearch(engine(tiktok), 'TikTok deadline', {}, title))).toEqual(['exact', 'longer']);
    // Without a way to read titles the engine's phrase order stands.
    expect(ids(await rankedSearch(engine(apple), 'Apple unveils Mac'))[0]).toBe('mini');
  });
});

describe('searchableQuery', () => {
  it('keeps letters and digits of each word, dropping what Pagefind cannot query', () => {
    expect(searchableQuery('$1.3bn')).toBe('13bn');
    expect(searchableQuery('N+2 node')).toBe('N2 node');
    expect(searchableQuery('£5.05 a share')).toBe('505 a share');
    expect(searchableQuery('US-China talks')).toBe('US-China talks');
    expect(searchableQuery('China’s  + chips')).toBe('China’s chips');
    expect(searchableQuery('"exact phrase"')).toBe('"exact phrase"');
  });
});

describe('titleKey', () => {
  it('compares titles by their words, ignoring case and punctuation', () => {
    expect(titleKey('Apple unveils Mac')).toBe(titleKey('apple  unveils MAC'));
    expect(titleKey('Apple unveils Mac')).not.toBe(titleKey('Apple unveils Mac mini'));
    expect(titleKey('Debt reaches £3.3 trillion')).toBe('debt reaches 33 trillion');
  });
});
