/**
 * Step one of `npm run build` (scripts/build.ts runs it as a child process): Astro renders the
 * site into the staging folder given as the first argument. Running it in its own process means
 * its memory is returned before Pagefind starts indexing. The last build's pages are linked into
 * the staging folder first, so Astro keeps the unchanged ones in place instead of copying them
 * (scripts/lib/staging-links.ts). On a content error it prints what to fix and exits with 1.
 *
 * Astro logs at BUILD_LOG_LEVEL (default `warn`): an editor sees Astro's warnings and errors, and
 * scripts/build.ts says what was built. At `info` Astro also lists every route; it writes each
 * route's name and, once rendered, its time, and with several pages rendering at once
 * (build.concurrency) those pieces interleave, so that list is for debugging only.
 */
import { build } from 'astro';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCacheDir, readPageRecord } from './lib/build-cache.ts';
import { ASTRO_RENDERING, awaitBeforeRendering, linkRecordedPages, recordStoredTimes, replaceOnWrite, settleLinkedPages, type LinkedPage } from './lib/staging-links.ts';
import { explainBuildError } from './lib/build-errors.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** BUILD_LOG_LEVEL as Astro's log level (`silent` keeps the errors), or null when it is none. */
function astroLogLevel(value: string | undefined): Level | null {
  if (!value) return 'warn';
  if (value === 'silent') return 'error';
  return (LEVELS as readonly string[]).includes(value) ? (value as Level) : null;
}

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error('usage: node scripts/astro-build.ts <staging folder>');
  process.exit(2);
}
const logLevel = astroLogLevel(process.env.BUILD_LOG_LEVEL);
if (!logLevel) {
  console.error(`BUILD_LOG_LEVEL must be one of silent, ${LEVELS.join(', ')}; got "${process.env.BUILD_LOG_LEVEL}"`);
  process.exit(2);
}
const staging = resolve(positionals[0]);

/**
 * Exits once what was written to stdout and stderr has gone out: to a pipe (a CI log, the
 * benchmark) writes are queued, and process.exit would drop Astro's last lines.
 */
async function exit(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
  process.exit(code);
}

const cacheDir = buildCacheDir();
// The last build's pages go into the emptied staging folder as links while Astro starts; Astro
// keeps those it may reuse, so it must not empty the folder itself (scripts/lib/staging-links.ts).
rmSync(staging, { recursive: true, force: true });
const linking = linkRecordedPages(readPageRecord(cacheDir), cacheDir, staging);
// Keeps Astro's unhandled-rejection handling out of it: a failure is raised by the hook below.
linking.catch(() => {});
const restoreWrites = replaceOnWrite(staging, cacheDir);
let linked: LinkedPage[] = [];
// scripts/build.ts starts its own reading of content/ once Astro renders, after its memory's peak.
const whenRendering = (pages: LinkedPage[]) => {
  linked = pages;
  process.send?.(ASTRO_RENDERING);
};
try {
  await build({
    root: process.cwd(),
    outDir: staging,
    logLevel,
    cacheDir,
    vite: { build: { emptyOutDir: false }, plugins: [awaitBeforeRendering(linking, whenRendering)] },
  });
} catch (error) {
  if (process.env.DEBUG_BUILD_ERROR) console.error(error);
  console.error(explainBuildError(error as Error));
  // Exit now: Astro may still have a content-store write pending for the folder just removed.
  await exit(1);
}
restoreWrites();
const record = readPageRecord(cacheDir);
const { writtenInPlace, kept } = settleLinkedPages(linked, record, staging);
if (writtenInPlace.length > 0) {
  console.error(`the build wrote into ${writtenInPlace.length} file(s) it shares with the build cache and the site being served, e.g. ${writtenInPlace[0]}; the cache may be damaged: build again with BUILD_CACHE set to an empty folder`);
  await exit(1);
}
recordStoredTimes(record, cacheDir, kept);
await exit(0);
