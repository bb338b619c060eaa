import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { absoluteUrl, isDigestEmailPath, isSitemapPartPath } from '../../src/lib/urls.ts';

export function readPage(distDir: string, path: string): Document {
  const file = join(distDir, path.replace(/^\//, ''), path.endsWith('/') || path === '' ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

export function pageExists(distDir: string, path: string): boolean {
  return existsSync(join(distDir, path.replace(/^\//, ''), 'index.html'));
}

/**
 * Every built HTML page, as paths relative to distDir. A week's email edition is not a page of
 * the site (it has no head tags, scripts or stylesheet; tests/build/digest.test.ts checks it).
 */
export function htmlFiles(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html') && !name.startsWith('pagefind/') && !isDigestEmailPath(name))
    .sort();
}

/**
 * What template and page position an HTML file stands for: its first folder, then '*' for each
 * number and '*' for each other name below it: 'archive/2024/10/index.html' is 'archive/N/N'.
 */
export function pageKind(file: string): string {
  const [first, ...rest] = file.split('/').slice(0, -1);
  if (first === undefined) return file;
  return [first, ...rest.map((segment) => (/^\d+$/.test(segment) ? 'N' : '*'))].join('/');
}

/**
 * A sample of a build's HTML files that covers every template: each file `keep` accepts, plus
 * the largest file of every other kind (pageKind), the one with the most markup to check.
 */
export function pagesOfEachKind(distDir: string, keep: (file: string) => boolean): string[] {
  const largest = new Map<string, { file: string; size: number }>();
  const chosen = new Set<string>();
  for (const file of htmlFiles(distDir)) {
    if (keep(file)) chosen.add(file);
    const size = statSync(join(distDir, file)).size;
    const kind = pageKind(file);
    const best = largest.get(kind);
    if (!best || size > best.size) largest.set(kind, { file, size });
  }
  for (const { file } of largest.values()) chosen.add(file);
  return [...chosen].sort();
}

export function hrefs(document: Document): string[] {
  return [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '');
}

/** The site path ('/archive/2024/10/rss.xml') of one of the site's absolute URLs. */
export function sitePath(href: string): string {
  return `/${href.slice(absoluteUrl('/').length)}`;
}

/** Site paths of the sitemap part files at the root of a build, listed in its index or not. */
export function sitemapPartFiles(distDir: string): string[] {
  return readdirSync(distDir)
    .map((name) => `/${name}`)
    .filter(isSitemapPartPath);
}

/** The site path an RSS document's rel="prev-archive" link (RFC 5005) points to, if it has one. */
export function prevArchivePath(xml: string): string | undefined {
  const href = /<atom:link href="([^"]*)" rel="prev-archive"/.exec(xml)?.[1];
  return href === undefined ? undefined : sitePath(href);
}

/** The site path a JSON Feed page's next_url points to, if it has one. */
export function nextUrlPath(text: string): string | undefined {
  const href: string | undefined = JSON.parse(text).next_url;
  return href === undefined ? undefined : sitePath(href);
}

/**
 * A feed's documents as site paths: the subscription document at `path`, then each archive its
 * older-link leads to. More than a thousand means the links loop.
 */
export function feedChain(distDir: string, path: string, older: (text: string) => string | undefined = prevArchivePath): string[] {
  const documents = [path];
  for (let next = older(readFileSync(join(distDir, path), 'utf8')); next !== undefined; next = older(readFileSync(join(distDir, next), 'utf8'))) {
    if (documents.length >= 1000) throw new Error(`${path}: more than 1,000 documents; its archive links loop`);
    documents.push(next);
  }
  return documents;
}
