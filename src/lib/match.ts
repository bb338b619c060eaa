/**
 * Whole-word term matching shared by topic assignment (and entity detection).
 * Acronyms written in capitals (AI, US, FCC) match case-sensitively so that
 * "us" or "said" never count as "US" or "AI"; other terms ignore case.
 * A space or hyphen in a term matches spaces, no-break spaces or hyphens ("zero-day",
 * "zero day"); a straight apostrophe also matches a curly one.
 */

/** A letter or digit: what a whole-word match must not touch. */
export const WORD = '[\\p{L}\\p{N}]';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Curly and straight apostrophes are the same character to a reader. */
const APOSTROPHE = "['\u2019]";

/** A pattern source with every apostrophe matching either kind. */
export function apostrophes(pattern: string): string {
  return pattern.replace(/['\u2019]/g, APOSTROPHE);
}

function isAcronym(term: string): boolean {
  return term.length <= 5 && term === term.toUpperCase() && /\p{Lu}/u.test(term);
}

/**
 * The plural a term may take: "es" only after a sibilant (tax, switch), "s" otherwise, so that
 * "launch" never reaches "launches" by accident of a keyword list and "hack" never "hackes".
 */
function pluralSuffix(term: string): string {
  if (isAcronym(term)) return '';
  return /(?:s|x|z|ch|sh)$/i.test(term) ? '(?:es)?' : 's?';
}

/** A term and its plural as a pattern: "policy" also finds "policies", as "tariff" finds "tariffs". */
function withPlural(escaped: string, term: string): string {
  if (!isAcronym(term) && /[^aeiou]y$/i.test(term)) return `${escaped.slice(0, -1)}(?:y|ies)`;
  return `${escaped}${pluralSuffix(term)}`;
}

/** A global RegExp matching the term as a whole word, with an optional plural. */
export function termPattern(term: string): RegExp {
  const trimmed = term.trim();
  const body = escapeRegExp(trimmed)
    .replace(/[\s-]+/g, '[\\s\\u00a0-]+')
    .replace(/['\u2019]/g, APOSTROPHE);
  const flags = isAcronym(trimmed) ? 'gu' : 'giu';
  return new RegExp(`(?<!${WORD})${withPlural(body, trimmed)}(?!${WORD})`, flags);
}

export interface TermHit {
  /** The keyword as listed. */
  term: string;
  /** Where the match starts and how long it is. */
  index: number;
  length: number;
}

/**
 * Every place any of the terms occurs, earliest first. Overlapping matches ("Earth orbit" inside
 * "low Earth orbit") count once, as the longest match at that place, so a text is never counted
 * twice for one mention.
 */
export function findTerms(text: string, terms: readonly string[]): TermHit[] {
  const all: TermHit[] = [];
  for (const term of terms) {
    for (const match of text.matchAll(termPattern(term))) {
      all.push({ term, index: match.index, length: match[0].length });
    }
  }
  all.sort((a, b) => a.index - b.index || b.length - a.length);
  const hits: TermHit[] = [];
  let end = -1;
  for (const hit of all) {
    if (hit.index < end) continue;
    hits.push(hit);
    end = hit.index + hit.length;
  }
  return hits;
}

/** How many separate mentions of the terms the text holds (overlapping matches count once). */
export function countTerms(text: string, terms: readonly string[]): number {
  return findTerms(text, terms).length;
}
