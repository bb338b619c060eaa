/**
 * Pagefind's peak memory and time for each search part of a built site, as the build runs it
 * (scripts/lib/search-index.ts): one Pagefind CLI run per part over hard links to the part's
 * article pages, one after the other, each under /usr/bin/time. Writes nothing to the site.
 *
 *   CONTENT_DIR=<corpus> node bench/search-parts-memory.ts <built dist> [--limit 4000]
 */
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { scanContentArticles } from '../src/lib/content-files.ts';
import { PART_LIMIT, searchParts } from '../src/lib/search-parts.ts';
import { site } from '../src/lib/site.ts';
import { articlePage } from '../scripts/lib/search-index.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' } } });
const dist = positionals[0];
if (!dist) {
  console.error('usage: CONTENT_DIR=<corpus> node bench/search-parts-memory.ts <built dist> [--limit 4000]');
  process.exit(2);
}
const limit = values.limit ? Number(values.limit) : PART_LIMIT;
const parts = searchParts(scanContentArticles(site.contentDir).articles.filter((article) => !article.draft), limit);
const pagefind = join('node_modules', '.bin', 'pagefind');
let peak = 0;
let seconds = 0;
for (const part of parts) {
  const work = mkdtempSync(join(tmpdir(), 'search-part-'));
  try {
    for (const slug of part.slugs) {
      const target = join(work, 'site', articlePage(slug));
      mkdirSync(dirname(target), { recursive: true });
      linkSync(join(dist, articlePage(slug)), target);
    }
    const args = ['-f', '%M %e', pagefind, '--site', join(work, 'site'), '--glob', 'articles/**/*.html', '--force-language', site.lang, '--output-path', join(work, 'out')];
    const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`Pagefind failed on part ${part.id}:\n${run.stderr}`);
    const printed = run.stderr.trim();
    const [kb, wall] = (printed.split('\n').at(-1) ?? '').split(' ').map(Number);
    peak = Math.max(peak, kb);
    seconds += wall;
    console.log(`part ${part.id}: ${part.slugs.length} articles, peak ${(kb / 1024 / 1024).toFixed(2)} GiB, ${wall.toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
console.log(`${parts.length} parts, ${parts.reduce((sum, part) => sum + part.slugs.length, 0)} articles: peak ${(peak / 1024 / 1024).toFixed(2)} GiB (the largest part's), ${seconds.toFixed(1)} s in all`);
