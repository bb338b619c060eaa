/**
 * Typographic clean-up for text that arrives from digests and wires.
 * Real digests type an opening quote where an apostrophe belongs (China‘s),
 * space around hyphens at random (US -China) and leave runs of spaces.
 */

const LETTER = '\\p{L}\\p{N}';

/** Normalises quotes, apostrophes, hyphens and spacing in one line or paragraph of prose. */
export function normaliseTypography(input: string): string {
  let text = input.normalize('NFC');
  text = text.replace(/[\u00a0\u2007\u202f\t]/g, ' ');
  // A left single quote or straight quote between letters is an apostrophe: China‘s, don't.
  text = text.replace(new RegExp(`(?<=[${LETTER}])['\u2018\u02bc](?=[${LETTER}])`, 'gu'), '\u2019');
  // Trailing possessive after s: "Hackers' tools" keeps the apostrophe as ’.
  text = text.replace(/(?<=\p{L}s)'(?=\s)/gu, '\u2019');
  // A hyphen with a space on one side only joins two words: "US -China" and "US- China" mean US-China.
  text = text.replace(new RegExp(`(?<=[${LETTER}]) -(?=[${LETTER}])`, 'gu'), '-');
  text = text.replace(new RegExp(`(?<=[${LETTER}])- (?=[${LETTER}])`, 'gu'), '-');
  // Straight double quotes become curly ones, opening after a space or start, closing otherwise.
  text = text.replace(/(^|[\s([{\u2014\u2013-])"/gu, '$1\u201c').replace(/"/g, '\u201d');
  // Remaining straight single quotes: opening after a space, otherwise closing.
  text = text.replace(/(^|[\s([{\u2014\u2013-])'/gu, '$1\u2018').replace(/'/g, '\u2019');
  text = text.replace(/\.{3}/g, '\u2026');
  text = text.replace(/ {2,}/g, ' ');
  text = text.replace(/ +([,.;:!?])(?=\s|$)/g, '$1');
  return text.trim();
}
