/**
 * Search over an index built in parts (src/lib/search-parts.ts), newest part first. Every part a
 * search merges costs its metadata (an entry for each of its pages) and a chunk for each query
 * word, so a search merges only as many parts as its first page of results needs: the newest
 * part, then the next older one while fewer than `want` articles match. The best matches among
 * the merged parts come first; "more" then reaches further back one part at a time, each part's
 * matches in their own order. A date order reads the parts in date order, so the oldest first
 * merges every part. Pure logic over any Pagefind-like engine, so the unit tests run it with a
 * fake one.
 */
import { rankedSearch, type ResultRef, type SearchEngine, type SearchOptions } from './ranked-search.ts';

/** The filter each part's pages carry (Pagefind's mergeFilter), naming their part. */
export const PART_FILTER = 'part';

export interface PartedIndex<T> {
  engine: SearchEngine<T>;
  /** The parts the engine has merged. */
  merged(): ReadonlySet<string>;
  /** Merges the given parts the engine has not merged yet. */
  merge(parts: readonly string[]): Promise<void>;
}

export interface PartedResults<T> {
  results: ResultRef<T>[];
  /** How many of the search's parts (newest first) the results come from. */
  searched: number;
}

type TitleOf<T> = (data: T) => string | undefined;

function inPart(options: SearchOptions, part: string): SearchOptions {
  return { ...options, filters: { ...options.filters, [PART_FILTER]: part } };
}

/**
 * The engine searching the given parts one by one, each result's id prefixed with its part (a
 * Pagefind page id is unique within its own index only). As Pagefind merges indexes, the best
 * scores come first; for a date order the parts stay in the order given, each in date order.
 */
export function partsEngine<T>(engine: SearchEngine<T>, parts: readonly string[]): SearchEngine<T> {
  return {
    async search(query, options = {}) {
      const lists = await Promise.all(
        parts.map(async (part) =>
          ((await engine.search(query, inPart(options, part)))?.results ?? []).map((result) => ({
            id: `${part}/${result.id}`,
            score: result.score,
            // Through the result itself: Pagefind frees a result's data once the result is collected.
            data: () => result.data(),
          })),
        ),
      );
      const results = lists.flat();
      return { results: options.sort ? results : results.sort((a, b) => (b.score ?? 0) - (a.score ?? 0)) };
    },
  };
}

function isAscending(options: SearchOptions): boolean {
  return Object.values(options.sort ?? {})[0] === 'asc';
}

/**
 * The first results of a search over parts (newest first; for a year filter, that year's parts
 * alone): the merged parts' best matches, merging older parts until `want` match.
 */
export async function searchNewestFirst<T>(index: PartedIndex<T>, parts: readonly string[], query: string, options: SearchOptions, want: number, titleOf?: TitleOf<T>): Promise<PartedResults<T>> {
  if (parts.length === 0) return { results: [], searched: 0 };
  // Parts an earlier search merged cost nothing more to search: the first search reads them all
  // (up to the furthest), so that "more" goes on from there.
  const furthest = Math.max(0, ...parts.map((part, at) => (index.merged().has(part) ? at : 0)));
  let searched = isAscending(options) ? parts.length : furthest + 1;
  await index.merge(parts.slice(0, searched));
  const run = () => {
    const order = isAscending(options) ? parts.slice(0, searched).reverse() : parts.slice(0, searched);
    return rankedSearch(partsEngine(index.engine, order), query, options, titleOf);
  };
  let results = await run();
  while (results.length < want && searched < parts.length) {
    searched += 1;
    await index.merge(parts.slice(0, searched));
    results = await run();
  }
  return { results, searched };
}

/**
 * The matches of the next older part with any, to follow results from the first `searched`
 * parts: this returns no results only once every part is searched.
 */
export async function searchOlder<T>(index: PartedIndex<T>, parts: readonly string[], searched: number, query: string, options: SearchOptions, titleOf?: TitleOf<T>): Promise<PartedResults<T>> {
  let next = searched;
  while (next < parts.length) {
    const part = parts[next];
    next += 1;
    await index.merge([part]);
    const results = await rankedSearch(partsEngine(index.engine, [part]), query, options, titleOf);
    if (results.length > 0) return { results, searched: next };
  }
  return { results: [], searched: next };
}
