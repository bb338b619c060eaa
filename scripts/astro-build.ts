/**
 * Step one of `npm run build` (scripts/build.ts runs it as a child process): Astro renders the
 * site into the staging folder given as the first argument. Running it in its own process means
 * its memory is returned before Pagefind starts indexing. On success it prints one line
 * `phases: {...}` with its timings; on a content error it prints what to fix and exits with 1.
 */
import { build } from 'astro';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { site } from '../src/lib/site.ts';
import { buildMarks } from '../src/integrations/build-timings.ts';
import { explainBuildError } from './lib/build-errors.ts';
import { readContentArticles } from './lib/content-files.ts';

const staging = resolve(process.argv[2] ?? '');
const cacheDir = `${staging}-cache`;
// Astro may write its content store shortly after build() returns, so the cache goes at exit.
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));

const started = performance.now();
try {
  await build({
    root: process.cwd(),
    outDir: staging,
    logLevel: process.env.BUILD_LOG_LEVEL === 'silent' ? 'error' : 'info',
    // A content folder other than content/ gets its own content cache, so builds never mix.
    ...(site.contentDir !== 'content' ? { cacheDir } : {}),
  });
} catch (error) {
  let articles: { slug: string; file: string }[] = [];
  try {
    articles = readContentArticles(site.contentDir);
  } catch {
    // The error itself may be that content/ cannot be read; report it as Astro gave it.
  }
  if (process.env.DEBUG_BUILD_ERROR) console.error(error);
  console.error(explainBuildError(error as Error, articles));
  // Exit now: Astro may still have a content-store write pending for the folder just removed.
  process.exit(1);
}
const marks = buildMarks();
const span = (from?: number, to?: number) => (from !== undefined && to !== undefined ? Math.round(to - from) : null);
console.log(
  `phases: ${JSON.stringify({
    setup: span(started, marks.configDone),
    contentSync: span(marks.configDone, marks.buildStart),
    render: span(marks.buildStart, marks.generated),
    feeds: marks.feeds === undefined ? null : Math.round(marks.feeds),
    images: span(marks.generated, performance.now()),
  })}`,
);
process.exit(0);
