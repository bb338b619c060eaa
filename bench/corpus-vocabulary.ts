/**
 * What the corpus generator draws words and names from: the seed articles' vocabulary (ranked by
 * how often each word occurs), made-up words for the long tail, and the site's topics and
 * entities.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEntitiesFile, readTopicsFile, splitArticle } from '../src/lib/content-schema.ts';
import type { Random } from './corpus-random.ts';

export interface TopicDef {
  id: string;
  keywords: string[];
}

export interface EntityDef {
  name: string;
  aliases: string[];
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}’'%.-]*[\p{L}\p{N}%])?/gu;

interface SeedVocabulary {
  /** Words as written (proper nouns keep their capital), most frequent first. */
  words: string[];
  /** Proper nouns and acronyms (capitalised away from the start of a sentence), most frequent first. */
  proper: string[];
}

export function readSeedVocabulary(contentDir: string): SeedVocabulary {
  const dir = join(contentDir, 'articles');
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.md')).sort() : [];
  const counts = new Map<string, number>();
  /** For each lower-case word: how often it was seen capitalised / in lower case, away from a sentence start. */
  const capital = new Map<string, { upper: number; lower: number; form: string }>();
  for (const name of files) {
    const { body } = splitArticle(readFileSync(join(dir, name), 'utf8'));
    for (const sentence of body.split(/(?<=[.!?])\s+|\n\s*\n/)) {
      let first = true;
      for (const match of sentence.matchAll(WORD)) {
        const raw = match[0].replace(/[.]+$/, '').replace(/'/g, '’');
        if (!raw || /^\d[\d.,%]*$/.test(raw)) {
          first = false;
          continue;
        }
        const key = raw.toLowerCase();
        counts.set(key, (counts.get(key) ?? 0) + 1);
        const entry = capital.get(key) ?? { upper: 0, lower: 0, form: raw };
        if (!first) {
          if (/^\p{Lu}/u.test(raw)) {
            entry.upper += 1;
            entry.form = raw;
          } else entry.lower += 1;
        }
        capital.set(key, entry);
        first = false;
      }
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const words: string[] = [];
  const proper: string[] = [];
  for (const [key] of ranked) {
    const entry = capital.get(key)!;
    const isProper = entry.upper > 0 && entry.upper >= entry.lower;
    const form = isProper ? entry.form : key;
    words.push(form);
    if (isProper && form.length > 1) proper.push(form);
  }
  if (words.length === 0) words.push('the', 'of', 'and', 'to', 'in', 'a', 'on', 'for', 'with', 'said');
  if (proper.length === 0) proper.push('Brussels', 'Washington', 'Beijing', 'Tokyo');
  return { words, proper };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'sh', 'sk', 'sl', 'sp', 'st', 'str', 'th', 'tr', ''];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ee', 'io', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 't', 'm', 'nd', 'nt', 'st', 'rk', 'ck', 'ng', 'x'];
const SUFFIXES = ['', '', '', '', 'ing', 'ed', 'er', 'ion', 'al', 'ity', 'ment', 'ness', 'ous', 'ive', 's', 's', 'ly'];

/** Pronounceable made-up words for the long tail of the vocabulary (rare terms, names, jargon). */
export function pseudoWords(random: Random, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  let guard = 0;
  while (out.length < count && guard < count * 20) {
    guard += 1;
    const roll = random.next();
    const syllables = roll < 0.4 ? 1 : roll < 0.88 ? 2 : 3;
    let word = '';
    for (let i = 0; i < syllables; i += 1) word += random.pick(ONSETS) + random.pick(NUCLEI) + (i === syllables - 1 || random.chance(0.3) ? random.pick(CODAS) : '');
    word += random.pick(SUFFIXES);
    if (word.length < 4 || word.length > 13 || taken.has(word)) continue;
    taken.add(word);
    out.push(word);
  }
  return out;
}

/** content/topics.yaml, read and checked by the site's own schema. */
export function readTopics(contentDir: string): TopicDef[] {
  return readTopicsFile(join(contentDir, 'topics.yaml')).map((topic) => ({ id: topic.id, keywords: [...topic.keywords] }));
}

/** content/entities.yaml, read and checked by the site's own schema; absent → no entities. */
export function readEntities(contentDir: string): EntityDef[] {
  const file = join(contentDir, 'entities.yaml');
  if (!existsSync(file)) return [];
  return readEntitiesFile(file).map((entity) => ({ name: entity.name, aliases: [...entity.aliases] }));
}
