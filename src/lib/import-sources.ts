/**
 * Which files of a folder the importer reads, and the date a file's name gives.
 */

const ARTICLE_FILE = /\.(txt|text|md)$/i;

/** A text file of a folder: not hidden, not the folder's README. */
export function isArticleFileName(name: string): boolean {
  return ARTICLE_FILE.test(name) && !name.startsWith('.') && !/^readme(\.|$)/i.test(name);
}

/** "2024-11-22-chip-story.txt" → "2024-11-22"; undefined when the name does not start with a date. */
export function dateFromFileName(name: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})(?![\d])/.exec(name)?.[1];
}
