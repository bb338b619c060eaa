/**
 * Counts as readers see them: "1 article", "7,637 articles". A large archive runs into
 * thousands, and "7637" is harder to read at a glance than "7,637". British English, as the
 * dates (src/lib/dates.ts); no import, so the search page's script can use it at no cost.
 */
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return wholeNumber.format(n);
}

/** The count and the noun that goes with it: countOf(1, 'article', 'articles') is "1 article". */
export function countOf(n: number, singular: string, plural: string): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
