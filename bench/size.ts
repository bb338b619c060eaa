/**
 * One N: generates the corpus, times this site's build cold and warm, the bare baseline (and
 * again with this site's build.concurrency), Hugo, the paired rounds where the target is judged,
 * and at the judged N and the largest N the built pages and the first search in Chromium.
 */
import { existsSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareBuild, cachesIn, figures, fullBuild, pairedRounds, roundOf, type BuildFigures, type Round } from './builds.ts';
import { cleanup, state } from './context.ts';
import { fmtBreakdown, fmtGiB, fmtInt, fmtKB, fmtLoad, fmtMB, fmtS } from './format.ts';
import { generateCorpus } from './generate-corpus.ts';
import { writeHugoSite } from './hugo.ts';
import { run, waitForQuiet } from './measure.ts';
import type { Options } from './options.ts';
import { astroBuiltMs, dirSize, outputBreakdown, reusedDocuments } from './output.ts';
import { pageWeights } from './pages.ts';
import { profileBuilds, type ProfileSummary } from './profile.ts';
import { browserFigures, CHROMIUM, QUERIES, type BrowserFigures } from './search.ts';

/** Astro's own time for its step, or n/a when the build did not print it. */
const fmtAstro = (ms: number | null) => (ms === null ? 'n/a' : fmtS(ms));

export interface SizeResult {
  n: number;
  corpus: { words: number; generateMs: number; vocabulary: number };
  /** The cold build, with Astro's own time for its step and the output by folder. */
  full: BuildFigures & { astroMs: number | null; breakdown: { name: string; bytes: number; files: number }[] };
  /** The full build run again with the caches of the first, nothing changed (informational; targets use the cold build). */
  fullWarm: (BuildFigures & { astroMs: number | null; reused: number | null }) | null;
  bare: BuildFigures & { astroMs: number; pagefindMs: number; astroPeakBytes: number; pagefindPeakBytes: number };
  /** The bare site built with the build.concurrency this site uses: for reference, not the target's baseline. */
  bareConcurrent: (BuildFigures & { astroMs: number; pagefindMs: number }) | null;
  hugo: (BuildFigures & { version: string }) | null;
  /** Pairs of (cold full, bare) wall times: the first pair above, then the paired rounds. */
  rounds: Round[];
  pages?: ReturnType<typeof pageWeights>;
  browser?: BrowserFigures;
  /** CPU profiles of this site's Astro step (image cache warm) and the bare one (--profile). */
  profile?: { site: ProfileSummary; bare: ProfileSummary };
}

/**
 * `largest`: measure the built site for readers too. `judged`: the targets are judged at this N,
 * so time the paired rounds here, and measure the built site for readers too.
 */
export async function benchSize(n: number, options: Options, largest: boolean, judged: boolean, hugo: string | null): Promise<SizeResult> {
  console.log(`\n=== N = ${fmtInt(n)} ===`);
  const work = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  cleanup.add(work);
  const content = join(work, 'content');
  try {
    const genStarted = performance.now();
    const corpus = generateCorpus({ n, seed: options.seed, outDir: content, contentDir: join(state.project, 'content') });
    const generateMs = performance.now() - genStarted;
    const words = corpus.articles.reduce((s, a) => s + a.words, 0);
    console.log(`generated ${fmtInt(n)} articles, ${fmtInt(words)} words, in ${Math.round(generateMs)} ms → ${content}`);

    // (a) the full site
    const fullOut = join(work, 'full');
    await waitForQuiet('the full build');
    console.log('(a) full build: node scripts/build.ts …');
    // Caches of its own, empty, so the build is cold (the site's defaults are in node_modules).
    const caches = cachesIn(work, 'full');
    const full = await fullBuild(`${n}-full`, content, fullOut, caches);
    const fullFig = { ...figures([full], n, dirSize(fullOut)), astroMs: astroBuiltMs(full.stdout), breakdown: outputBreakdown(fullOut) };
    console.log(`    ${fullFig.ok ? 'ok' : `FAILED (${fullFig.error})`}: ${fmtS(full.wallMs)}, peak ${fmtGiB(fullFig.peakBytes)}, ${fmtMB(fullFig.output.bytes)} in ${fmtInt(fullFig.output.files)} files; Astro's own time ${fmtAstro(fullFig.astroMs)}${fmtLoad(fullFig)}`);
    if (fullFig.ok) console.log(`    output by folder: ${fmtBreakdown(fullFig.breakdown)}`);

    // (b) bare Astro + Pagefind CLI
    const bareOut = join(work, 'bare');
    await waitForQuiet('the bare build');
    console.log('(b) bare: astro build --root bench/bare, then pagefind --site …');
    const { astro: bareAstro, pagefind: barePagefind } = await bareBuild(`${n}-bare`, content, bareOut, join(work, 'bare-cache'));
    const bareFig = {
      ...figures([bareAstro, barePagefind], n, dirSize(bareOut)),
      astroMs: bareAstro.wallMs,
      pagefindMs: barePagefind.wallMs,
      astroPeakBytes: bareAstro.peakBytes,
      pagefindPeakBytes: barePagefind.peakBytes,
    };
    console.log(
      `    ${bareFig.ok ? 'ok' : `FAILED (${bareFig.error})`}: ${fmtS(bareFig.wallMs)} (astro ${fmtS(bareAstro.wallMs)}, peak ${fmtGiB(bareAstro.peakBytes)}; pagefind ${fmtS(barePagefind.wallMs)}, peak ${fmtGiB(barePagefind.peakBytes)}), ${fmtMB(bareFig.output.bytes)}${fmtLoad(bareFig)}`,
    );

    // (a') the same build again with the caches the first one filled (preview images and BUILD_CACHE),
    // nothing changed. After the bare build, so that the first pair of the paired rounds runs back to back.
    // Into the same output folder, as a newsroom rebuilds its dist/: Astro reuses a page only while
    // its code, which holds the staging folder named after the output folder, is unchanged. The cold
    // build's output is moved aside first, so the build deletes nothing and the reader's figures
    // below read the cold build's pages.
    let warmFig: SizeResult['fullWarm'] = null;
    let readerOut = fullOut;
    if (fullFig.ok && options.warm) {
      readerOut = join(work, 'full-cold');
      renameSync(fullOut, readerOut);
      await waitForQuiet('the warm rebuild');
      console.log("(a') full build again, its caches warm …");
      const warm = await fullBuild(`${n}-full-warm`, content, fullOut, caches);
      warmFig = { ...figures([warm], n, dirSize(fullOut)), astroMs: astroBuiltMs(warm.stdout), reused: reusedDocuments(warm.stdout) };
      console.log(
        `    ${warmFig.ok ? 'ok' : `FAILED (${warmFig.error})`}: ${fmtS(warm.wallMs)}, peak ${fmtGiB(warmFig.peakBytes)}; Astro's own time ${fmtAstro(warmFig.astroMs)}; reused ${warmFig.reused === null ? 'n/a' : fmtInt(warmFig.reused)} documents${fmtLoad(warmFig)}`,
      );
    }

    // (b') the bare site again with this site's build.concurrency, so the reader can see how much of
    // the ratio that one setting accounts for. The target's baseline stays Astro's default (b).
    let bareConcurrentFig: SizeResult['bareConcurrent'] = null;
    if (bareFig.ok && state.siteConcurrency > 1) {
      const concurrentOut = join(work, 'bare-concurrent');
      await waitForQuiet('the bare build with build.concurrency');
      console.log(`(b') bare again with build.concurrency ${state.siteConcurrency} …`);
      const { astro: astroRun, pagefind: pagefindRun } = await bareBuild(
        `${n}-bare-concurrent`,
        content,
        concurrentOut,
        join(work, 'bare-concurrent-cache'),
        state.siteConcurrency,
      );
      bareConcurrentFig = { ...figures([astroRun, pagefindRun], n, dirSize(concurrentOut)), astroMs: astroRun.wallMs, pagefindMs: pagefindRun.wallMs };
      console.log(
        `    ${bareConcurrentFig.ok ? 'ok' : `FAILED (${bareConcurrentFig.error})`}: ${fmtS(bareConcurrentFig.wallMs)} (astro ${fmtS(astroRun.wallMs)}; pagefind ${fmtS(pagefindRun.wallMs)})${fmtLoad(bareConcurrentFig)}`,
      );
    }

    // (c) Hugo
    let hugoFig: SizeResult['hugo'] = null;
    if (hugo) {
      const site = join(work, 'hugo-site');
      const hugoOut = join(work, 'hugo');
      writeHugoSite(site, join(content, 'articles'));
      await waitForQuiet('Hugo');
      console.log(`(c) Hugo ${hugo}: hugo --source … --quiet`);
      const h = await run(`${n}-hugo`, 'hugo', ['--source', site, '--destination', hugoOut, '--cacheDir', join(work, 'hugo-cache'), '--quiet']);
      hugoFig = { ...figures([h], n, dirSize(hugoOut)), version: hugo };
      console.log(`    ${hugoFig.ok ? 'ok' : `FAILED (${hugoFig.error})`}: ${fmtS(h.wallMs)}, peak ${fmtGiB(hugoFig.peakBytes)}, ${fmtMB(hugoFig.output.bytes)} in ${fmtInt(hugoFig.output.files)} files${fmtLoad(hugoFig)}`);
    }

    const firstRound = roundOf(full, { astro: bareAstro, pagefind: barePagefind }, true);
    const rounds = judged && options.rounds > 1 ? await pairedRounds(n, work, content, firstRound, options.rounds) : [firstRound];

    const result: SizeResult = {
      n,
      rounds,
      corpus: { words, generateMs: Math.round(generateMs), vocabulary: corpus.vocabularySize },
      full: fullFig,
      fullWarm: warmFig,
      bare: bareFig,
      bareConcurrent: bareConcurrentFig,
      hugo: hugoFig,
    };

    if ((largest || judged) && fullFig.ok) {
      result.pages = pageWeights(readerOut);
      console.log(
        `page weight (gzip): home ${fmtKB(result.pages.home.totalGzip)}, article ${fmtKB(result.pages.article.totalGzip)} (${result.pages.article.path}), topic ${result.pages.topic ? fmtKB(result.pages.topic.totalGzip) : 'n/a'}`,
      );
      if (options.browser && existsSync(CHROMIUM)) {
        await waitForQuiet('the Chromium measurements');
        console.log(`Chromium: first search for ${QUERIES.length} queries, each in a fresh profile …`);
        result.browser = await browserFigures(readerOut, result.pages.article.path, result.pages.topic?.path ?? null);
      } else if (options.browser) console.log(`no Chromium at ${CHROMIUM}: skipping the search measurements`);
    }

    if (options.profile && fullFig.ok && bareFig.ok) {
      // The two Astro steps side by side, where the sites differ most. This site's runs with the
      // image cache the cold build filled, so its profile holds pages and feeds, not images.
      const profile = await profileBuilds(n, work, content, caches.og);
      if (profile) result.profile = profile;
    }
    return result;
  } finally {
    // The folder stays until every build has run (main() removes it): on ext4 a build that
    // creates files just after tens of thousands were deleted spends seconds more in the kernel
    // (new inodes skip recently freed ones), which would slow whichever build came next.
    if (options.keep) {
      console.log(`kept ${work}`);
      cleanup.delete(work);
    }
  }
}
