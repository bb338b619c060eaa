/**
 * Summaries for listings, feeds and meta descriptions, cut from an article's first paragraph.
 */

const MAX_SUMMARY = 220;

/** The first sentence (or two, when the first is very short) of a paragraph, at most ~220 characters. */
export function summarise(paragraph: string, maxLength = MAX_SUMMARY): string {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  // Sentence ends: a full stop, question or exclamation mark, optionally inside closing quotes.
  const ends = [...text.matchAll(/[.!?][\u201d\u2019"')]?(?=\s+[\p{Lu}\u201c\u2018"'])/gu)].map(
    (m) => m.index + m[0].length,
  );
  const fitting = ends.filter((end) => end <= maxLength);
  if (fitting.length > 0) {
    const last = fitting[fitting.length - 1];
    if (last >= 60) return text.slice(0, last);
  }
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:\u2013\u2014-]+$/, '')}\u2026`;
}
