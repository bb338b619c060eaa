/**
 * `npm run build`: renders the site into a staging folder (Astro, in a child process), indexes it
 * for search (Pagefind), audits it, and only then swaps it into dist/. A failed step leaves the
 * previous dist/ untouched, so a broken deploy never ships half a site. Astro and Pagefind run
 * one after the other in separate processes, so their memory is never held at the same time.
 * The page audit, in a process of its own, reads content/ while Astro renders and audits the
 * pages while Pagefind indexes them.
 *
 * Prints one machine-readable line, `phases: {...}`, with the milliseconds of each step.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AUDIT_GO, auditSearchIndex, PAGE_AUDIT_PREFIX } from './audit.ts';
import { scanContentArticles, type ContentScan } from './lib/content-files.ts';
import { startNode } from './lib/run-node.ts';
import { buildSearchIndex } from './lib/search-index.ts';
import { site } from '../src/lib/site.ts';

const outDir = resolve(process.env.OUT_DIR ?? 'dist');
// Staging stays inside the project: for an output folder elsewhere Astro would put its server
// build in the shared ./.astro/, and two builds at once would overwrite each other's files.
const staging = resolve(`.cache/staging-${process.pid}`);
const previous = `${outDir}.previous-${process.pid}`;

/** Runs the Astro step; resolves with its phase timings, or null when it failed. */
function renderSite(): Promise<Record<string, number | null> | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['scripts/astro-build.ts', staging], { stdio: ['ignore', 'pipe', 'inherit'] });
    let phases: Record<string, number | null> | null = null;
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('phases: ')) phases = JSON.parse(line.slice('phases: '.length));
        else console.log(line);
      }
    });
    child.on('close', (code) => done(code === 0 ? phases : null));
  });
}

interface PageAudit {
  problems: string[];
  /** From the release to the audit's end. */
  ms: number;
  error?: string;
}

/**
 * `node scripts/audit.ts --pages --after-stdin` on the staging folder: started while Astro
 * renders, it reads content/ meanwhile and audits the pages once released. It runs at normal
 * priority: at the lowest, it ran longer beside Pagefind, its memory met Pagefind's peak and the
 * benchmark's 10,000-article build reached 3.07 GiB (commit 2b86b30).
 */
function startPageAudit(): { release(): void; stop(): void; result: Promise<PageAudit> } {
  const child = startNode(['scripts/audit.ts', '--pages', '--after-stdin', staging]);
  let releasedAt = performance.now();
  const result = child.done.then(
    ({ code, stdout, stderr }): PageAudit => {
      const ms = performance.now() - releasedAt;
      const line = stdout.split('\n').find((each) => each.startsWith(PAGE_AUDIT_PREFIX));
      if (code !== 0 || !line) return { problems: [], ms, error: `the page audit stopped (exit code ${code}):\n${stderr.trim() || stdout.trim()}` };
      return { problems: JSON.parse(line.slice(PAGE_AUDIT_PREFIX.length)) as string[], ms };
    },
    (error: Error): PageAudit => ({ problems: [], ms: 0, error: `the page audit could not start: ${error.message}` }),
  );
  return {
    release: () => {
      releasedAt = performance.now();
      child.release(AUDIT_GO);
    },
    stop: child.stop,
    result,
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  rmSync(staging, { recursive: true, force: true });
  const fail = (message: string) => {
    rmSync(staging, { recursive: true, force: true });
    console.error(`${message}; ${outDir} was left as it was.`);
    return 1;
  };

  // Astro syncs content and renders on one thread. This process and the page audit (a process of
  // its own, whose memory is returned when it exits) read content/ meanwhile; on two cores that
  // is not free (it slows the render a little), but it is off the path the build waits on.
  const rendering = renderSite();
  let content: ContentScan | undefined;
  try {
    content = scanContentArticles(site.contentDir);
  } catch {
    // No articles folder at all: Astro says so; the index audit reads it again if Astro passed.
  }
  const pageAudit = startPageAudit();
  const astro = await rendering;
  if (!astro) {
    pageAudit.stop();
    return fail('build failed');
  }

  // The pages are audited while Pagefind indexes them; the index is audited once written.
  const indexStarted = performance.now();
  pageAudit.release();
  const indexing = buildSearchIndex(staging);
  let pages: number;
  try {
    pages = await indexing;
  } catch (error) {
    console.error((error as Error).message);
    await pageAudit.result;
    return fail('search index failed');
  }
  const indexMs = performance.now() - indexStarted;
  const { problems, ms: auditMs, error: auditError } = await pageAudit.result;
  if (auditError) {
    console.error(auditError);
    return fail('audit failed');
  }
  console.log(`search index: ${pages} pages in ${Math.round(indexMs)} ms (pages audited meanwhile in ${Math.round(auditMs)} ms)`);

  const audit = { contentDir: site.contentDir, distDir: staging, content };
  const auditStarted = performance.now();
  problems.push(...auditSearchIndex(audit));
  if (problems.length > 0) {
    console.error(`audit failed with ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    return fail('audit failed');
  }
  const indexAuditMs = performance.now() - auditStarted;
  console.log(`audit: passed; search index audited in ${Math.round(indexAuditMs)} ms`);
  console.log(
    `phases: ${JSON.stringify({ ...astro, pagefind: Math.round(indexMs), audit: Math.round(indexAuditMs), auditDuringPagefind: Math.round(auditMs) })}`,
  );

  mkdirSync(dirname(outDir), { recursive: true });
  if (existsSync(outDir)) renameSync(outDir, previous);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another file system (e.g. OUT_DIR on tmpfs): copy instead of rename.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(staging, outDir, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(previous, { recursive: true, force: true });
  console.log(`built ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = await main();
