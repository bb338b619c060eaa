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

/** One part's matches, ranked as the page ranks any search. */
function searchPart<T>(index: PartedIndex<T>, part: string, query: string, options: SearchOptions, titleOf?: TitleOf<T>): Promise<ResultRef<T>[]> {
  return rankedSearch(index.engine, query, inPart(options, part), titleOf);
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
  // The results cover the merged parts: they must be the first `searched` of the list, so that
  // "more" never returns a part's matches twice.
  const furthest = Math.max(0, ...parts.map((part, at) => (index.merged().has(part) ? at : 0)));
  let searched = isAscending(options) ? parts.length : furthest + 1;
  await index.merge(parts.slice(0, searched));
  const run = async () => {
    if (!options.sort) return rankedSearch(index.engine, query, options, titleOf);
    const order = isAscending(options) ? parts.slice(0, searched).reverse() : parts.slice(0, searched);
    return (await Promise.all(order.map((part) => searchPart(index, part, query, options)))).flat();
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
    const results = await searchPart(index, part, query, options, titleOf);
    if (results.length > 0) return { results, searched: next };
  }
  return { results: [], searched: next };
}
