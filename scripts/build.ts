/**
 * `npm run build`: renders the site into a staging folder (Astro, in a child process), indexes it
 * for search (Pagefind), audits it, and only then swaps it into dist/. A failed step leaves the
 * previous dist/ untouched, so a broken deploy never ships half a site. Astro and Pagefind run
 * one after the other in separate processes, so their memory is never held at the same time.
 * The page audit, in a process of its own, reads content/ while Astro renders and audits the
 * pages while Pagefind indexes them and this process audits the index. The site it replaces is
 * moved aside and deleted while the next build renders.
 *
 * What it prints is for the editor: Astro's warnings (BUILD_LOG_LEVEL=info shows all of Astro's
 * log), any problem found, and at the end one line saying what was built, e.g.
 * `built 10 articles, 79 pages, 14 feeds in 6.4 s → dist/`, or after a change to one article
 * `built 10 articles, 79 pages, 14 feeds in 3.1 s, reusing 61 unchanged documents of the last build → dist/`.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_GO, auditSearchIndex, PAGE_AUDIT_PREFIX } from './audit.ts';
import { scanContentArticles, type ContentScan } from '../src/lib/content-files.ts';
import { startNode } from './lib/run-node.ts';
import { buildSearchIndex } from './lib/search-index.ts';
import { buildCacheDir, claimStaging, stagingDir } from './lib/build-cache.ts';
import { ASTRO_RENDERING, readStoredTimes, reusedStoredPages } from './lib/staging-links.ts';
import { searchParts } from '../src/lib/search-parts.ts';
import { countOf } from '../src/lib/counts.ts';
import { site } from '../src/lib/site.ts';
import { isDigestEmailPath } from '../src/lib/urls.ts';

// The build takes no arguments (its settings are environment variables): a mistyped option is
// refused rather than silently ignored.
try {
  parseArgs({ args: process.argv.slice(2), options: {} });
} catch (error) {
  console.error(`build: ${(error as Error).message}\nusage: npm run build   (no arguments; CONTENT_DIR, OUT_DIR and the other settings come from the environment)`);
  process.exit(2);
}

const outDir = resolve(process.env.OUT_DIR ?? 'dist');
// Staging stays inside the project: for an output folder elsewhere Astro would put its server
// build in the shared ./.astro/, and two builds at once would overwrite each other's files.
const staging = stagingDir(outDir);
// The site being replaced is moved beside the staging folder and deleted while the next build
// renders: deleting tens of thousands of files takes seconds that no publish should wait for.
const discarded = `${staging}.discarded`;

/**
 * Runs the Astro step; resolves with whether it succeeded, and calls `rendering` when Astro
 * starts rendering pages (its bundles built). Its output goes straight to this process's, so
 * Astro's lines reach the terminal as Astro wrote them.
 */
function renderSite(rendering: () => void): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['scripts/astro-build.ts', staging], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message) => {
      if (message === ASTRO_RENDERING) rendering();
    });
    child.on('error', () => done(false));
    child.on('close', (code) => done(code === 0));
  });
}

/** Feed documents a reader subscribes to (every rss.xml and feed.json outside the monthly archives). */
const FEED_FILES = new Set(['rss.xml', 'feed.json']);

/** Counts the built site's pages (HTML files) and subscription feeds. */
function countOutput(dir: string): { pages: number; feeds: number } {
  let pages = 0;
  let feeds = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    // A week's email edition is a message to send, not a page of the site.
    if (entry.name.endsWith('.html')) pages += isDigestEmailPath(relative(dir, join(entry.parentPath, entry.name))) ? 0 : 1;
    else if (FEED_FILES.has(entry.name) && !relative(dir, entry.parentPath).split(sep).includes('archive')) feeds += 1;
  }
  return { pages, feeds };
}

/** outDir as the editor typed it: relative to the working folder when inside it. */
function shownPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `${rel}/` : `${dir}/`;
}

interface PageAudit {
  problems: string[];
  error?: string;
}

/**
 * `node scripts/audit.ts --pages --after-stdin` on the staging folder: started while Astro
 * renders, it reads content/ meanwhile and audits the pages once released. It runs at normal
 * priority so that it is done before Pagefind's memory peaks: at a lower one it would still
 * hold its own memory then, and the two would add up.
 */
function startPageAudit(): { release(): void; stop(): void; result: Promise<PageAudit> } {
  const child = startNode(['scripts/audit.ts', '--pages', '--after-stdin', staging]);
  const result = child.done.then(
    ({ code, stdout, stderr }): PageAudit => {
      const line = stdout.split('\n').find((each) => each.startsWith(PAGE_AUDIT_PREFIX));
      if (code !== 0 || !line) return { problems: [], error: `the page audit stopped (exit code ${code}):\n${stderr.trim() || stdout.trim()}` };
      return { problems: JSON.parse(line.slice(PAGE_AUDIT_PREFIX.length)) as string[] };
    },
    (error: Error): PageAudit => ({ problems: [], error: `the page audit could not start: ${error.message}` }),
  );
  return {
    release: () => child.release(AUDIT_GO),
    stop: child.stop,
    result,
  };
}

/** Puts the staging folder in outDir's place; the site it replaces goes to `discarded`. */
function replaceSite(): void {
  if (!existsSync(outDir)) {
    placeStaging();
    return;
  }
  try {
    renameSync(outDir, discarded);
  } catch (error) {
    // outDir on another file system than the staging folder: deleted now instead.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const previous = `${outDir}.previous-${process.pid}`;
    renameSync(outDir, previous);
    placeStaging(previous);
    rmSync(previous, { recursive: true, force: true });
    return;
  }
  placeStaging(discarded);
}

/** Moves (or, across file systems, copies) the staging folder to outDir; on failure `replaced` goes back. */
function placeStaging(replaced?: string): void {
  try {
    try {
      renameSync(staging, outDir);
    } catch (error) {
      // Another file system (e.g. OUT_DIR on tmpfs): copy instead of rename.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      cpSync(staging, outDir, { recursive: true });
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    if (replaced) {
      rmSync(outDir, { recursive: true, force: true });
      renameSync(replaced, outDir);
    }
    throw error;
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  rmSync(staging, { recursive: true, force: true });
  const clearing = rm(discarded, { recursive: true, force: true });
  const fail = (message: string) => {
    rmSync(staging, { recursive: true, force: true });
    console.error(`${message}; ${outDir} was left as it was.`);
    return 1;
  };

  // Astro syncs content and renders on one thread. Once it renders (its memory is highest while
  // it syncs and bundles), this process and the page audit (a process of its own, whose memory is
  // returned when it exits) read content/ meanwhile; on two cores that is not free (it slows the
  // render a little), but it is off the path the build waits on.
  const cacheDir = buildCacheDir();
  const lastTimes = readStoredTimes(cacheDir);
  let content: ContentScan | undefined;
  let pageAudit: ReturnType<typeof startPageAudit> | undefined;
  const rendered = await renderSite(() => {
    pageAudit = startPageAudit();
    try {
      content = scanContentArticles(site.contentDir);
    } catch {
      // No articles folder at all: Astro says so; the index audit reads it again if Astro passed.
    }
  });
  if (!rendered) {
    pageAudit?.stop();
    return fail('build failed');
  }
  // Astro renders only after saying so; a site of no page at all may not.
  pageAudit ??= startPageAudit();

  // The pages are audited while Pagefind indexes them; the index is audited once written.
  pageAudit.release();
  let counted: { pages: number; feeds: number };
  try {
    content ??= scanContentArticles(site.contentDir);
    const parts = searchParts(content.articles.filter((article) => !article.draft));
    const indexing = buildSearchIndex(staging, parts, join(cacheDir, 'search-index'));
    // The site is counted while Pagefind indexes it (its pages and feeds, not the index).
    counted = countOutput(staging);
    await indexing;
  } catch (error) {
    console.error((error as Error).message);
    await pageAudit.result;
    return fail('search index failed');
  }
  const { pages, feeds } = counted;
  // The index is audited while the page audit finishes.
  const indexProblems = auditSearchIndex({ contentDir: site.contentDir, distDir: staging, content });
  const reused = reusedStoredPages(lastTimes, readStoredTimes(cacheDir));
  const { problems, error: auditError } = await pageAudit.result;
  if (auditError) {
    console.error(auditError);
    return fail('audit failed');
  }
  problems.push(...indexProblems);
  if (problems.length > 0) {
    console.error(`audit failed with ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    return fail('audit failed');
  }

  mkdirSync(dirname(outDir), { recursive: true });
  await clearing;
  replaceSite();
  // Drafts are left out of the site, so out of the count.
  const articles = content?.articles.filter((article) => !article.draft).length ?? 0;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`built ${countOf(articles, 'article', 'articles')}, ${countOf(pages, 'page', 'pages')}, ${countOf(feeds, 'feed', 'feeds')} in ${seconds} s${reused > 0 ? `, reusing ${countOf(reused, 'unchanged document', 'unchanged documents')} of the last build` : ''} → ${shownPath(outDir)}`);
  return 0;
}

let claim: { release(): void };
try {
  claim = claimStaging(staging);
} catch (error) {
  console.error(`build: ${(error as Error).message}`);
  process.exit(1);
}
try {
  process.exitCode = await main();
} finally {
  claim.release();
}
