/**
 * "Related articles": the articles sharing the most content with this one. What counts is what
 * two articles have in common: the entities they name, the distinctive words of their titles
 * and summaries (src/lib/content-words.ts), and, once they share one of those, their topics.
 * Each shared term adds its rarity (inverse document frequency), so sharing "SMIC" says more
 * than sharing "China", and "constellation" more than "rules". Ties go to the newer article,
 * then the title. An article sharing nothing with the others has no related articles.
 *
 * Cost per article stays flat as the archive grows: candidates come only from the inverted
 * lists of the article's few rarest terms, and a term too common to list in full gives only
 * the articles nearest in date. The best candidates by those terms are then scored on
 * everything they share.
 */
import { contentWords } from './content-words.ts';
import type { Article } from './model.ts';

/** A shared word counts for less than a shared entity of the same rarity: words are looser. */
const WORD_FACTOR = 0.6;
/** A shared topic counts for less still: topics are broad, and alone never make a relation. */
const TOPIC_FACTOR = 0.5;
/** A word in more articles than this and than half of them is left out. */
const COMMON_WORD_FLOOR = 10;
/** How many of an article's rarest terms find its candidates. */
const SEARCH_TERMS = 8;
/** A term in at most this many articles gives all of them as candidates... */
const FULL_LIST_LIMIT = 100;
/** ...a commoner one the articles nearest in date that have it, this many on each side. */
const DATE_WINDOW = 20;
/** How many of the best candidates by the search terms are scored on everything they share. */
const SHORTLIST = 32;

export interface Related {
  article: Article;
  score: number;
}

export interface RelatedIndex {
  /** The `wanted` articles most related to this one, best first; fewer if fewer share anything. */
  related(article: Article, wanted?: number): Related[];
}

/** Higher score first, then newer, then by title (titles are unique): a total order. */
function better(a: Related, b: Related): number {
  return (
    b.score - a.score ||
    b.article.date.getTime() - a.article.date.getTime() ||
    a.article.title.localeCompare(b.article.title, 'en') ||
    a.article.slug.localeCompare(b.article.slug)
  );
}

/** Inserts into a list kept in `order` and no longer than `limit`. */
function insertBounded<T>(list: T[], item: T, limit: number, order: (a: T, b: T) => number): void {
  if (limit <= 0) return;
  if (list.length === limit) {
    if (order(item, list[limit - 1]) >= 0) return;
    list.pop();
  }
  let at = list.length;
  list.push(item);
  for (; at > 0 && order(list[at], list[at - 1]) < 0; at -= 1) [list[at - 1], list[at]] = [list[at], list[at - 1]];
}

/** The first index in an ascending list whose value is at least `value`. */
function lowerBound(list: Int32Array, value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Indexes the articles (newest first, as the model holds them). Terms are numbered in order of
 * first appearance in that list, so every sum adds the same numbers in the same order, and the
 * ties come out the same, whatever order the files were read in.
 */
export function relatedIndex(articles: readonly Article[]): RelatedIndex {
  const total = articles.length;
  const number = new Map<string, number>();
  const kinds: ('entity' | 'word' | 'topic')[] = [];
  const termNumber = (key: string, kind: 'entity' | 'word' | 'topic') => {
    let n = number.get(key);
    if (n === undefined) {
      n = kinds.length;
      number.set(key, n);
      kinds.push(kind);
    }
    return n;
  };
  const ascending = (list: number[]) => Int32Array.from(new Set(list)).sort();
  const contentTerms = articles.map((article) =>
    ascending([
      ...article.entities.map((entity) => termNumber(`e:${entity.slug}`, 'entity')),
      ...contentWords(article.title, article.summary).map((word) => termNumber(`w:${word}`, 'word')),
    ]),
  );
  const topicTerms = articles.map((article) => ascending(article.topics.map((topic) => termNumber(`t:${topic.slug}`, 'topic'))));

  const frequency = new Int32Array(kinds.length);
  for (const terms of [...contentTerms, ...topicTerms]) for (const t of terms) frequency[t] += 1;
  const weight = new Float64Array(kinds.length);
  for (let t = 0; t < kinds.length; t += 1) {
    const idf = Math.log(1 + total / frequency[t]);
    if (kinds[t] === 'entity') weight[t] = idf;
    else if (kinds[t] === 'topic') weight[t] = TOPIC_FACTOR * idf;
    // A word in more than half the articles says nothing about any of them (in a small archive,
    // where half is a handful, its low rarity is enough).
    else weight[t] = frequency[t] > Math.max(COMMON_WORD_FLOOR, total / 2) ? 0 : WORD_FACTOR * idf;
  }
  // Terms of no weight are dropped, so they neither find candidates nor count.
  const terms = contentTerms.map((list) => list.filter((t) => weight[t] > 0));
  // Each term's articles by place in the list, ascending (so newest first).
  const postings = Array.from({ length: kinds.length }, (_, t) => new Int32Array(frequency[t]));
  const filled = new Int32Array(kinds.length);
  terms.forEach((list, place) => {
    for (const t of list) postings[t][filled[t]++] = place;
  });
  // Rarest first, then by number: the order in which an article's terms find its candidates. A
  // term no other article has finds nothing and is passed over.
  const searchTerms = terms.map((list) =>
    [...list].filter((t) => frequency[t] > 1).sort((a, b) => frequency[a] - frequency[b] || a - b).slice(0, SEARCH_TERMS),
  );
  const place = new Map(articles.map((article, index) => [article, index]));

  // Scratch space reused by every call (a build asks for one list per article): the call in which
  // each article last became a candidate, its score by the search terms, and the weights of the
  // current article's terms (0 for the others).
  const seen = new Int32Array(total);
  const partial = new Float64Array(total);
  const shared = new Float64Array(kinds.length);
  let call = 0;

  return {
    related(article, wanted = 4) {
      const limit = Math.max(0, Math.floor(wanted));
      const self = place.get(article);
      if (self === undefined || limit === 0) return [];
      call += 1;
      const candidates: number[] = [];
      for (const t of searchTerms[self]) {
        const list = postings[t];
        let from = 0;
        let to = list.length;
        if (list.length > FULL_LIST_LIMIT) {
          const at = lowerBound(list, self);
          from = Math.max(0, at - DATE_WINDOW);
          to = Math.min(list.length, at + DATE_WINDOW + 1);
        }
        for (let i = from; i < to; i += 1) {
          const other = list[i];
          if (other === self) continue;
          if (seen[other] !== call) {
            seen[other] = call;
            partial[other] = 0;
            candidates.push(other);
          }
          partial[other] += weight[t];
        }
      }
      const shortlist: Related[] = [];
      const size = Math.max(SHORTLIST, 4 * limit);
      for (const other of candidates) insertBounded(shortlist, { article: articles[other], score: partial[other] }, size, better);

      for (const t of terms[self]) shared[t] = weight[t];
      for (const t of topicTerms[self]) shared[t] = weight[t];
      const best: Related[] = [];
      try {
        for (const { article: other } of shortlist) {
          const at = place.get(other)!;
          let score = 0;
          for (const t of terms[at]) score += shared[t];
          if (score <= 0) continue;
          for (const t of topicTerms[at]) score += shared[t];
          insertBounded(best, { article: other, score }, limit, better);
        }
      } finally {
        // The scratch array must be all zeros for the next call.
        for (const t of terms[self]) shared[t] = 0;
        for (const t of topicTerms[self]) shared[t] = 0;
      }
      return best;
    },
  };
}
