/**
 * Whole-word term matching shared by topic assignment (and entity detection).
 * Acronyms written in capitals (AI, US, FCC) match case-sensitively so that
 * "us" or "said" never count as "US" or "AI"; other terms ignore case.
 */

const WORD = '[\\p{L}\\p{N}]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAcronym(term: string): boolean {
  return term.length <= 5 && term === term.toUpperCase() && /\p{Lu}/u.test(term);
}

/** A global RegExp matching the term as a whole word, with an optional plural. */
export function termPattern(term: string): RegExp {
  const body = escapeRegExp(term.trim()).replace(/\s+/g, '[\\s\\u00a0-]+');
  const plural = isAcronym(term) ? '' : '(?:s|es)?';
  const flags = isAcronym(term) ? 'gu' : 'giu';
  return new RegExp(`(?<!${WORD})${body}${plural}(?!${WORD})`, flags);
}

/** How many times any of the terms occurs in the text, counting each position once. */
export function countTerms(text: string, terms: readonly string[]): number {
  const hits = new Set<number>();
  for (const term of terms) {
    for (const match of text.matchAll(termPattern(term))) hits.add(match.index);
  }
  return hits.size;
}
