/**
 * `npm run build`: builds the site into a temporary folder, audits it, and only then swaps it
 * into dist/. A failed build or audit leaves the previous dist/ untouched, so a broken deploy
 * never ships half a site.
 */
import { build } from 'astro';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditSite } from './audit.ts';
import { site } from '../src/lib/site.ts';
import { buildMarks } from '../src/integrations/build-timings.ts';

const outDir = resolve(process.env.OUT_DIR ?? 'dist');
const staging = `${outDir}.staging-${process.pid}`;
const previous = `${outDir}.previous-${process.pid}`;

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
    console.error(`build failed; ${outDir} was left as it was.\n${(error as Error).message}`);
    return 1;
  } finally {
    rmSync(`${staging}-cache`, { recursive: true, force: true });
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
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
  console.log(`built ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = await main();
