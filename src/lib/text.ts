/**
 * Plain-text views of an article: its visible text, its first paragraph (for derived summaries)
 * and its word count (for reading time), so Markdown and HTML syntax never leak into either.
 */
import { decodeHTMLStrict } from 'entities';

/**
 * The text of the first <p> of rendered HTML. The model uses this rather than parsing the
 * Markdown again: the content layer has already rendered it, and a second parse per article
 * would cost seconds on a large archive.
 */
export function firstParagraphOfHtml(html: string): string {
  for (const match of html.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)) {
    const text = htmlToText(match[1]).replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return '';
}

/** Words in plain text (see htmlToText): runs holding at least one letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const WORDS_PER_MINUTE = 230;

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** The visible text of an HTML fragment: tags removed, character references decoded, one space between blocks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|h[1-6]|li|blockquote|pre|td|th|figcaption|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (reference) => decodeHTMLStrict(reference))
    .replace(/[ \t]+/g, ' ')
    .trim();
}
