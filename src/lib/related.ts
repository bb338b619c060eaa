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
  related(article: Article, wanted: number): Related[];
}

/**
 * Inserts `place` into a list of places kept best first by `order`, no longer than `limit`.
 * Lists are short (a few dozen), so shifting beats a heap.
 */
function insertBounded(list: number[], place: number, limit: number, order: (a: number, b: number) => number): void {
  if (list.length === limit) {
    if (order(place, list[limit - 1]) >= 0) return;
    list.pop();
  }
  let at = list.length;
  list.push(place);
  for (; at > 0 && order(list[at], list[at - 1]) < 0; at -= 1) [list[at - 1], list[at]] = [list[at], list[at - 1]];
}

/** The summed weights of the terms two ascending lists have in common (a merge, no lookups). */
function sharedWeight(a: Int32Array, b: Int32Array, weight: Float64Array): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i += 1;
    else if (a[i] > b[j]) j += 1;
    else {
      sum += weight[a[i]];
      i += 1;
      j += 1;
    }
  }
  return sum;
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
 * ties come out the same, whatever order the files were read in. `wordsOf` gives an article's
 * content words when they are known already (the model keeps them between builds).
 */
export function relatedIndex(
  articles: readonly Article[],
  wordsOf: (article: Article) => readonly string[] = (article) => contentWords(article.title, article.summary),
): RelatedIndex {
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
      ...wordsOf(article).map((word) => termNumber(`w:${word}`, 'word')),
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
  const postings = Array.from({ length: kinds.length }, (_, t) => new Int32Array(kinds[t] !== 'topic' && weight[t] > 0 ? frequency[t] : 0));
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
  const time = Float64Array.from(articles, (article) => article.date.getTime());
  // Each article's place in title order: the last tie-break, fixed once (titles are unique).
  const titleRank = new Int32Array(total);
  const collator = new Intl.Collator('en');
  Array.from({ length: total }, (_, index) => index)
    .sort((a, b) => collator.compare(articles[a].title, articles[b].title) || articles[a].slug.localeCompare(articles[b].slug))
    .forEach((index, rank) => {
      titleRank[index] = rank;
    });

  // Scratch space reused by every call (a build asks for one list per article): the call in which
  // each article last became a candidate, its score by the search terms, and its full score.
  const seen = new Int32Array(total);
  const partial = new Float64Array(total);
  const full = new Float64Array(total);
  let call = 0;
  /** Higher score first, then newer, then by title: a total order, so lists are stable. */
  const byScore = (score: Float64Array) => (a: number, b: number) => score[b] - score[a] || time[b] - time[a] || titleRank[a] - titleRank[b];
  const byPartial = byScore(partial);
  const byFull = byScore(full);

  return {
    related(article, wanted) {
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
      const shortlist: number[] = [];
      const size = Math.max(SHORTLIST, 4 * limit);
      for (const other of candidates) insertBounded(shortlist, other, size, byPartial);

      const best: number[] = [];
      for (const other of shortlist) {
        const content = sharedWeight(terms[self], terms[other], weight);
        if (content <= 0) continue;
        full[other] = content + sharedWeight(topicTerms[self], topicTerms[other], weight);
        insertBounded(best, other, limit, byFull);
      }
      return best.map((other) => ({ article: articles[other], score: full[other] }));
    },
  };
}
