import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

export function readPage(distDir: string, path: string): Document {
  const file = join(distDir, path.replace(/^\//, ''), path.endsWith('/') || path === '' ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

export function pageExists(distDir: string, path: string): boolean {
  return existsSync(join(distDir, path.replace(/^\//, ''), 'index.html'));
}

/** Every built HTML file, as paths relative to distDir. */
export function htmlFiles(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html') && !name.startsWith('pagefind/'))
    .sort();
}

export function hrefs(document: Document): string[] {
  return [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '');
}
