/**
 * Plain-text views of an article's Markdown body: its first paragraph (for derived summaries)
 * and its word count (for reading time). remark parses, so Markdown syntax never leaks into either.
 */
import { remark } from 'remark';
import { toString } from 'mdast-util-to-string';

const parser = remark();

export function firstParagraph(markdown: string): string {
  const tree = parser.parse(markdown);
  const paragraph = tree.children.find((node) => node.type === 'paragraph');
  return paragraph ? toString(paragraph).replace(/\s+/g, ' ').trim() : '';
}

/** Words in a Markdown body, counted on its text without markup. */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#*_>`~|-]+/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const WORDS_PER_MINUTE = 230;

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
