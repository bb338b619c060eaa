/**
 * The search index step of a publish, on a built site: buildSearchIndex (scripts/lib/search-index.ts)
 * with the build's cache, first with nothing changed, then with one article's page edited (one
 * more word in its body), then with that article removed, each timed. The site's search bundle is
 * rewritten in place; the page is restored at the end.
 *
 *   CONTENT_DIR=<corpus> node bench/search-reindex.ts <built dist> [<cache folder>]
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scanContentArticles } from '../src/lib/content-files.ts';
import { searchParts } from '../src/lib/search-parts.ts';
import { site } from '../src/lib/site.ts';
import { buildCacheDir } from '../scripts/lib/build-cache.ts';
import { articlePage, buildSearchIndex } from '../scripts/lib/search-index.ts';

const { positionals } = parseArgs({ allowPositionals: true });
const [dist, cacheArg] = positionals;
if (!dist) {
  console.error('usage: CONTENT_DIR=<corpus> node bench/search-reindex.ts <built dist> [<cache folder>]');
  process.exit(2);
}
const cache = cacheArg ?? join(buildCacheDir(), 'search-index');
const articles = scanContentArticles(site.contentDir).articles.filter((article) => !article.draft);

async function timed(label: string, list: typeof articles): Promise<void> {
  rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
  const started = performance.now();
  const result = await buildSearchIndex(dist, searchParts(list), cache);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${label}: ${seconds} s, ${result.pages} pages; indexed ${result.indexed.join(' ') || 'no part'}; linked ${result.reused.length} parts from the cache`);
}

const changed = articles[Math.floor(articles.length / 2)];
const page = join(dist, articlePage(changed.slug));
const original = readFileSync(page, 'utf8');
try {
  await timed('as built', articles);
  await timed('as built, again', articles);
  writeFileSync(page, original.replace('</article>', '<p>republished</p></article>'));
  if (!readFileSync(page, 'utf8').includes('republished')) throw new Error(`${page}: no </article> to edit`);
  await timed(`one article edited (${changed.date})`, articles);
  await timed('that article removed', articles.filter((article) => article !== changed));
} finally {
  if (existsSync(page)) writeFileSync(page, original);
}
await timed('restored', articles);
