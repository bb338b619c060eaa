/**
 * `npm run build`: builds the site into a temporary folder, audits it, and only then swaps it
 * into dist/. A failed build or audit leaves the previous dist/ untouched, so a broken deploy
 * never ships half a site.
 */
import { build } from 'astro';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { auditSite } from './audit.ts';
import { site } from '../src/lib/site.ts';
import { buildMarks } from '../src/integrations/build-timings.ts';
import { explainBuildError } from './lib/build-errors.ts';
import { readContentArticles } from './lib/content-files.ts';

const outDir = resolve(process.env.OUT_DIR ?? 'dist');
// Staging stays inside the project: for an output folder elsewhere Astro would put its server
// build in the shared ./.astro/, and two builds at once would overwrite each other's files.
const staging = resolve(`.cache/staging-${process.pid}`);
const previous = `${outDir}.previous-${process.pid}`;

// Astro may write its content store shortly after build() returns, so the cache goes at exit.
process.on('exit', () => rmSync(`${staging}-cache`, { recursive: true, force: true }));

async function main(): Promise<number> {
  const started = performance.now();
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      root: process.cwd(),
      outDir: staging,
      logLevel: process.env.BUILD_LOG_LEVEL === 'silent' ? 'error' : 'info',
      // A content folder other than content/ gets its own content cache, so builds never mix.
      ...(site.contentDir !== 'content' ? { cacheDir: resolve(`${staging}-cache`) } : {}),
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    let articles: { slug: string; file: string }[] = [];
    try {
      articles = readContentArticles(site.contentDir);
    } catch {
      // The error itself may be that content/ cannot be read; report it as Astro gave it.
    }
    if (process.env.DEBUG_BUILD_ERROR) console.error(error);
    console.error(`build failed; ${outDir} was left as it was.\n${explainBuildError(error as Error, articles)}`);
    // Exit now: Astro may still have a content-store write pending for the folder just removed.
    process.exit(1);
  }
  const auditStarted = performance.now();
  const problems = auditSite({ contentDir: site.contentDir, distDir: staging });
  if (problems.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    console.error(`audit failed with ${problems.length} problem(s); ${outDir} was left as it was:\n- ${problems.join('\n- ')}`);
    return 1;
  }
  const auditMs = performance.now() - auditStarted;
  console.log(`audit: passed in ${Math.round(auditMs)} ms`);
  const marks = buildMarks();
  const span = (from?: number, to?: number) => (from !== undefined && to !== undefined ? Math.round(to - from) : null);
  // One machine-readable line for the benchmark: milliseconds per phase of this build.
  console.log(
    `phases: ${JSON.stringify({
      setup: span(started, marks.configDone),
      contentSync: span(marks.configDone, marks.buildStart),
      render: span(marks.buildStart, marks.generated),
      pagefind: span(marks.indexStart, marks.indexEnd),
      audit: Math.round(auditMs),
    })}`,
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
