/**
 * Builds the Pagefind search index over a finished site, in parts (src/lib/search-parts.ts):
 * each part is one run of Pagefind's command-line program over a folder of hard links to the
 * part's article pages, written to <site>/pagefind/<part>/. Parts run two at a time, so
 * Pagefind's memory is bounded by two parts' instead of growing with the archive.
 * Each part's output is kept in the build cache under a key made of the Pagefind version, its
 * options and the bytes Pagefind reads of every page (searchedHtml), so a part whose pages are
 * unchanged is linked from there instead of indexed again: Pagefind writes the same bytes for the
 * same pages, so the site is the same either way. The built site shares those files with the
 * cache (hard links: copying ten thousand small files takes seconds), so each entry keeps a
 * checksum of every file and one that no longer matches (a file of the built site edited in
 * place) is indexed again.
 * The CLI rather than the package's Node API: the API takes longer and holds more memory on the
 * same pages (bench/README.md has the figures). A non-zero exit, or a build that indexed no page,
 * is an error.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { site } from '../../src/lib/site.ts';
import type { SearchPart } from '../../src/lib/search-parts.ts';
import { isRunning } from './build-cache.ts';
import { runNode } from './run-node.ts';

/** The package's own launcher (it picks the binary for this platform), beside its lib/index.js. */
function pagefindLauncher(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
}

function pagefindVersion(): string {
  const manifest = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The number of pages from the CLI's summary ("Indexed 10000 pages"), or null. */
export function indexedPageCount(output: string): number | null {
  const match = /Indexed (\d+) pages?\b/.exec(output);
  return match ? Number(match[1]) : null;
}

/** The built page of an article, relative to the site's folder. */
export function articlePage(slug: string): string {
  return join('articles', slug, 'index.html');
}

/** Anything in a page that Pagefind could take content, a filter or metadata from. */
const SEARCHABLE = /data-pagefind|<h1\b|<img\b/i;

/**
 * The part of an article page Pagefind reads: the page up to the end of the element marked
 * data-pagefind-body. Pagefind indexes only that element's content, and what follows it (related
 * articles, older and newer links, the site footer) changes whenever other articles do; keying a
 * search part by whole pages would index a year again because a newer article was published.
 * The tail is left out only when it holds nothing Pagefind could read (no data-pagefind
 * attribute, heading or image, which its default title and image come from); a page of any other
 * shape is kept whole.
 */
export function searchedHtml(html: string): string {
  const at = html.indexOf('data-pagefind-body');
  if (at < 0 || html.indexOf('data-pagefind-body', at + 1) >= 0) return html;
  const open = html.lastIndexOf('<', at);
  const tag = /^<([a-zA-Z][\w-]*)\s/.exec(html.slice(open, at))?.[1];
  if (!tag) return html;
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = open;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth > 0) continue;
    const end = match.index + match[0].length;
    return SEARCHABLE.test(html.slice(end)) ? html : html.slice(0, end);
  }
  return html;
}

/** What a part's index is made from: its id, and each page's slug with a hash of what Pagefind reads of it (null when missing). */
export interface PartInput {
  id: string;
  pages: { slug: string; hash: string | null }[];
}

/**
 * The cache key of a part: the same key means Pagefind would write the same files. It covers
 * Pagefind's version and options, the part's name and every page's path and searched bytes.
 */
export function partKey(part: PartInput, tool: { version: string; args: readonly string[] }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: tool.version, args: tool.args, id: part.id }));
  for (const page of part.pages) hash.update(`\n${page.slug}\0${page.hash ?? '-'}`);
  return hash.digest('hex').slice(0, 32);
}

/** Which parts can be copied from the cache (their key is there) and which must be indexed. */
export function planParts<T extends { key: string }>(parts: T[], cached: ReadonlySet<string>): { reuse: T[]; index: T[] } {
  return { reuse: parts.filter((part) => cached.has(part.key)), index: parts.filter((part) => !cached.has(part.key)) };
}

/** Pagefind's files the search page reads; its bundled UI scripts and styles go unused. */
export function isRuntimeFile(name: string): boolean {
  return name === 'pagefind.js' || name === 'pagefind-worker.js' || name === 'pagefind-entry.json' || /^wasm\..+\.pagefind$/.test(name) || /\.pf_meta$/.test(name);
}
const INDEX_FOLDERS = new Set(['index', 'filter', 'fragment']);

/** Hard-links (or, across file systems, copies) every file of from into to. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else linkFile(source, target);
  }
}

/** Every file under dir with a hash of its bytes, by path relative to dir, in path order. */
export function checksums(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
  return Object.fromEntries(files.map((file) => [file, createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]));
}

/** Whether the cache entry's files are those its checksum file lists, byte for byte. */
function entryIntact(cacheDir: string, key: string): boolean {
  try {
    const recorded = readFileSync(join(cacheDir, `${key}.sums`), 'utf8');
    return JSON.stringify(checksums(join(cacheDir, key))) === recorded;
  } catch {
    return false;
  }
}

function linkFile(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    if (!['EXDEV', 'EPERM', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    copyFileSync(source, target);
  }
}

export interface SearchIndexResult {
  /** Pages in the index, all parts together. */
  pages: number;
  /** Parts indexed by Pagefind in this build, and parts copied from the cache. */
  indexed: string[];
  reused: string[];
}

const FOLDER_KEY = /^[0-9a-f]{32}$/;
/** Pagefind runs at once. */
const PARTS_AT_ONCE = 2;

/**
 * Indexes outDir's article pages, part by part, into outDir/pagefind/<part>/; cacheDir keeps
 * each part's output for the next build (entries this build did not use are removed).
 */
export async function buildSearchIndex(outDir: string, parts: SearchPart[], cacheDir: string): Promise<SearchIndexResult> {
  const args = ['--glob', 'articles/**/*.html', '--force-language', site.lang];
  const tool = { version: pagefindVersion(), args };
  const keyed = parts.map((part) => {
    const pages = part.slugs.map((slug) => {
      const file = join(outDir, articlePage(slug));
      // Read as Latin-1, one character a byte: quicker than decoding UTF-8, and the markers
      // searchedHtml looks for are ASCII, so the bytes it keeps are the same.
      return { slug, hash: existsSync(file) ? createHash('sha256').update(searchedHtml(readFileSync(file, 'latin1')), 'latin1').digest('hex') : null };
    });
    return { ...part, pages, key: partKey({ id: part.id, pages }, tool) };
  });
  mkdirSync(cacheDir, { recursive: true });
  const stored = readdirSync(cacheDir).filter((name) => FOLDER_KEY.test(name));
  const wanted = new Set(keyed.map((part) => part.key));
  const cached = new Set(stored.filter((key) => wanted.has(key) && entryIntact(cacheDir, key)));
  const { index } = planParts(keyed, cached);
  const bundle = join(outDir, 'pagefind');
  rmSync(bundle, { recursive: true, force: true });
  let pages = 0;

  const indexPart = async (part: (typeof index)[number]) => {
    const work = join(cacheDir, `.work-${process.pid}-${part.id}`);
    rmSync(work, { recursive: true, force: true });
    try {
      const siteDir = join(work, 'site');
      const output = join(work, 'out');
      for (const page of part.pages) {
        if (page.hash === null) continue;
        const target = join(siteDir, articlePage(page.slug));
        mkdirSync(dirname(target), { recursive: true });
        linkFile(join(outDir, articlePage(page.slug)), target);
      }
      mkdirSync(siteDir, { recursive: true });
      const run = await runNode([pagefindLauncher(), '--site', siteDir, ...args, '--output-path', output]);
      const printed = `${run.stdout}${run.stderr}`;
      const tail = printed.trim().split('\n').slice(-15).join('\n');
      if (run.code !== 0) throw new Error(`Pagefind failed on search part ${part.id} (exit code ${run.code}):\n${tail}`);
      if (indexedPageCount(printed) === null) throw new Error(`Pagefind did not say how many pages of search part ${part.id} it indexed:\n${tail}`);
      for (const entry of readdirSync(output, { withFileTypes: true })) {
        if (entry.isDirectory() ? !INDEX_FOLDERS.has(entry.name) : !isRuntimeFile(entry.name)) rmSync(join(output, entry.name), { recursive: true });
      }
      // The checksums first: an entry without them is never used.
      rmSync(join(cacheDir, part.key), { recursive: true, force: true });
      writeFileSync(join(cacheDir, `${part.key}.sums`), JSON.stringify(checksums(output)));
      renameSync(output, join(cacheDir, part.key));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };
  // Pagefind keeps to about one core: two parts at once use both of a small CI runner's, and
  // only two parts' memory adds up. Parts are taken in list order; each is written on its own.
  const queue = [...index];
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) await indexPart(part);
  };
  await Promise.all(Array.from({ length: Math.min(PARTS_AT_ONCE, queue.length) }, worker));

  for (const part of keyed) {
    linkTree(join(cacheDir, part.key), join(bundle, part.id));
    const entry = JSON.parse(readFileSync(join(bundle, part.id, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    pages += Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  }
  if (pages === 0) throw new Error('Pagefind indexed no page: no article page carries data-pagefind-body');

  const used = new Set(keyed.map((part) => part.key));
  for (const name of readdirSync(cacheDir)) {
    const key = name.replace(/\.sums$/, '');
    const worker = /^\.work-(\d+)-/.exec(name);
    // Entries no part of this build uses, and the work folders of builds that were stopped.
    if ((FOLDER_KEY.test(key) && !used.has(key)) || (worker && !isRunning(Number(worker[1])))) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
  const indexing = new Set(index.map((part) => part.id));
  return {
    pages,
    indexed: keyed.filter((part) => indexing.has(part.id)).map((part) => part.id),
    reused: keyed.filter((part) => !indexing.has(part.id)).map((part) => part.id),
  };
}
