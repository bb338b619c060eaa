/**
 * Search order on top of Pagefind. Pagefind ranks pages by their words (BM25) but not by word
 * order, and it expands every word as a prefix, so "1.8" also finds 1854 and 184. Three passes
 * fix what a reader notices:
 * - the query's words are written the way Pagefind indexed them (see searchableQuery);
 * - a query of three or more words, or one with a number, is run again as an exact phrase, and
 *   the pages containing it come first, then every other match in Pagefind's order;
 * - among the first few, a page whose title is the query itself (two words or more) comes first
 *   of all, so an exact title finds its article even when a longer title contains it
 *   ("Apple unveils Mac" and "Apple unveils Mac mini").
 * Pure logic over any Pagefind-like engine, so the quality test runs this very function.
 */

export interface ResultRef<T = unknown> {
  id: string;
  /** Pagefind's relevance score, for merging the results of several searches. */
  score?: number;
  data(): Promise<T>;
}

export interface SearchOptions {
  filters?: Record<string, string>;
  sort?: Record<string, 'asc' | 'desc'>;
}

export interface SearchEngine<T = unknown> {
  search(query: string, options?: SearchOptions): Promise<{ results: ResultRef<T>[] } | null>;
}

/** Queries this long or longer get the exact-phrase pass. */
export const PHRASE_MIN_WORDS = 3;
/** How many of the first results are read to find the one whose title is the query (the page shows them anyway). */
const TITLE_CHECK_LIMIT = 5;

/**
 * The query as Pagefind can match it. Pagefind indexes a word without its inner punctuation
 * ("$1.3bn" as 13bn, "N+2" as n2, "1.8%" as 18), but its query parser finds nothing for a word
 * starting with "$" or "¥" or holding "+", so every word keeps only its letters and digits
 * (and the quotes, apostrophes and hyphens Pagefind reads itself).
 */
export function searchableQuery(query: string): string {
  return query
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}\p{M}"'’-]/gu, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .join(' ');
}

/** A title or query reduced to its words, for telling whether a title is exactly the query. */
export function titleKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

async function exactTitleFirst<T>(results: ResultRef<T>[], query: string, titleOf: (data: T) => string | undefined): Promise<ResultRef<T>[]> {
  const key = titleKey(query);
  const checked = results.slice(0, TITLE_CHECK_LIMIT);
  const titles = await Promise.all(checked.map(async (result) => titleKey(titleOf(await result.data()) ?? '')));
  const exact = titles.indexOf(key);
  if (exact <= 0) return results;
  return [results[exact], ...results.filter((_, index) => index !== exact)];
}

export async function rankedSearch<T>(
  engine: SearchEngine<T>,
  query: string,
  options: SearchOptions = {},
  titleOf?: (data: T) => string | undefined,
): Promise<ResultRef<T>[]> {
  const text = searchableQuery(query.trim());
  if (!text) return [];
  const loose = (await engine.search(text, options))?.results ?? [];
  // A date order is what the reader asked for.
  if (options.sort || loose.length < 2) return loose;
  const words = text.split(/\s+/).length;
  let ranked = loose;
  // A quoted query is a phrase already. One or two words rank well on their own, and the second
  // pass would add its ~100 ms to every short query; a number is the exception, because
  // Pagefind matches it as a prefix of longer numbers.
  if ((words >= PHRASE_MIN_WORDS || /\p{N}/u.test(text)) && !text.includes('"')) {
    const exact = (await engine.search(`"${text}"`, options))?.results ?? [];
    const first = new Set(exact.map((result) => result.id));
    ranked = [...exact, ...loose.filter((result) => !first.has(result.id))];
  }
  return titleOf && words >= 2 ? exactTitleFirst(ranked, query, titleOf) : ranked;
}
