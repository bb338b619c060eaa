/**
 * `npm run build`: renders the site into a staging folder (Astro, in a child process), indexes it
 * for search (Pagefind), audits it, and only then swaps it into dist/. A failed step leaves the
 * previous dist/ untouched, so a broken deploy never ships half a site. Astro and Pagefind run
 * one after the other in separate processes, so their memory is never held at the same time;
 * the audit of the pages runs, in a process of its own, while Pagefind indexes.
 *
 * Prints one machine-readable line, `phases: {...}`, with the milliseconds of each step.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { auditSearchIndex, PAGE_AUDIT_PREFIX } from './audit.ts';
import { readContentArticles } from './lib/content-files.ts';
import { runNode } from './lib/run-node.ts';
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

/** `node scripts/audit.ts --pages` on the staging folder: its problems, or why it gave none. */
async function auditPagesInChild(): Promise<{ problems: string[]; ms: number; error?: string }> {
  const { code, stdout, stderr, ms } = await runNode(['scripts/audit.ts', '--pages', staging]);
  const line = stdout.split('\n').find((each) => each.startsWith(PAGE_AUDIT_PREFIX));
  if (code !== 0 || !line) return { problems: [], ms, error: `the page audit stopped (exit code ${code}):\n${stderr.trim() || stdout.trim()}` };
  return { problems: JSON.parse(line.slice(PAGE_AUDIT_PREFIX.length)) as string[], ms };
}

async function main(): Promise<number> {
  const started = performance.now();
  rmSync(staging, { recursive: true, force: true });
  const fail = (message: string) => {
    rmSync(staging, { recursive: true, force: true });
    console.error(`${message}; ${outDir} was left as it was.`);
    return 1;
  };

  const astro = await renderSite();
  if (!astro) return fail('build failed');

  // The pages are audited while Pagefind indexes them, each in its own process: the audit's
  // memory is returned when it exits, before Pagefind's peaks. The index is audited once written.
  const indexStarted = performance.now();
  const pageAudit = auditPagesInChild();
  const indexing = buildSearchIndex(staging);
  // Read here, while both children work, rather than again after them by auditSearchIndex.
  const articles = readContentArticles(site.contentDir);
  let pages: number;
  try {
    pages = await indexing;
  } catch (error) {
    console.error((error as Error).message);
    await pageAudit;
    return fail('search index failed');
  }
  const indexMs = performance.now() - indexStarted;
  const { problems, ms: auditMs, error: auditError } = await pageAudit;
  if (auditError) {
    console.error(auditError);
    return fail('audit failed');
  }
  console.log(`search index: ${pages} pages in ${Math.round(indexMs)} ms (pages audited meanwhile in ${Math.round(auditMs)} ms)`);

  const audit = { contentDir: site.contentDir, distDir: staging, articles };
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
