/**
 * The words an article is about, for comparing articles: its title and summary cut into words,
 * lower-cased, without English stop words, numbers or single letters, and stemmed (Porter), so
 * "Satellites launched" and "satellite launch" share "satellit" and "launch".
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/** Words too frequent in news copy to say what an article is about, beyond the general list. */
const NEWS_FILLER = [
  'says', 'said', 'say', 'new', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'also',
  'over', 'more', 'most', 'than', 'into', 'its', 'per', 'via', 'one', 'two', 'three', 'first',
  'last', 'year', 'years', 'week', 'weeks', 'month', 'months', 'day', 'days', 'today', 'just',
  'now', 'set', 'sets', 'get', 'gets', 'make', 'makes', 'made', 'use', 'uses', 'used', 'us',
];

const STOP = new Set([...eng, ...NEWS_FILLER]);

/** Stems by word: an archive repeats a few thousand words, and stemming is the costly step. */
const stems = new Map<string, string>();

function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    result = stemmer(word);
    stems.set(word, result);
  }
  return result;
}

/** The distinct stems of the words in these texts, in order of first appearance. */
export function contentWords(...texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    const words = text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2019']s\b/g, '')
      .split(/[^\p{L}\p{N}]+/u);
    for (const word of words) {
      if (word.length < 2 || /^\p{N}+$/u.test(word) || STOP.has(word)) continue;
      found.add(stem(word));
    }
  }
  return [...found];
}
