/**
 * The builds the bench times, each measured from outside (bench/measure.ts): this site's
 * `npm run build`, the bare baseline (bench/bare, then the Pagefind CLI), and the paired rounds
 * of the two at the N the build-time target is judged at.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './context.ts';
import { fmtRatio, fmtS } from './format.ts';
import { run, waitForQuiet, type Measured } from './measure.ts';
import { astroBuiltMs, imageRate, type DirSize } from './output.ts';

export interface BuildFigures {
  ok: boolean;
  wallMs: number;
  msPerArticle: number;
  peakBytes: number;
  maxRssBytes: number | null;
  treePeakBytes: number;
  /** CPU seconds used by the build's own processes. */
  cpuS: number | null;
  /** Largest share of the machine's CPU used by other processes during any of its commands. */
  otherLoad: number | null;
  output: DirSize;
  log: string;
  error?: string;
}

export function figures(measured: Measured[], n: number, output: DirSize): BuildFigures {
  const wallMs = measured.reduce((s, m) => s + m.wallMs, 0);
  const failed = measured.find((m) => !m.ok);
  return {
    ok: !failed,
    wallMs,
    msPerArticle: wallMs / n,
    peakBytes: Math.max(...measured.map((m) => m.peakBytes)),
    maxRssBytes: measured.some((m) => m.maxRssBytes !== null) ? Math.max(...measured.map((m) => m.maxRssBytes ?? 0)) : null,
    treePeakBytes: Math.max(...measured.map((m) => m.treePeakBytes)),
    cpuS: measured.every((m) => m.cpuS !== null) ? measured.reduce((sum, m) => sum + (m.cpuS ?? 0), 0) : null,
    otherLoad: measured.some((m) => m.otherLoad !== null) ? Math.max(...measured.map((m) => m.otherLoad ?? 0)) : null,
    output,
    log: measured.map((m) => m.log).join(', '),
    ...(failed ? { error: `exit ${failed.code ?? failed.signal}: ${(failed.stderr || failed.stdout).trim().split('\n').slice(-6).join(' | ')}` } : {}),
  };
}

/** Where one build of this site keeps what a later build may reuse. */
export interface Caches {
  /** The preview images (OG_IMAGE_CACHE). */
  og: string;
  /** Everything else a build keeps between builds (BUILD_CACHE: Astro's cache, the search index's parts). */
  build: string;
}

/** A build's two caches as folders of `dir` named after `name`: empty until a build fills them. */
export function cachesIn(dir: string, name: string): Caches {
  return { og: join(dir, `${name}-og-cache`), build: join(dir, `${name}-build-cache`) };
}

/**
 * This site's `npm run build`; cold unless `caches` already hold what an earlier build left. At
 * info level the build also prints Astro's own time and the image worker's, which the bench reads.
 * `cwd`: the project copy to build in (the bench's own by default).
 */
export function fullBuild(label: string, content: string, outDir: string, caches: Caches, cwd?: string): Promise<Measured> {
  return run(label, process.execPath, ['scripts/build.ts'], {
    env: { CONTENT_DIR: content, OUT_DIR: outDir, OG_IMAGE_CACHE: caches.og, BUILD_CACHE: caches.build, BUILD_LOG_LEVEL: 'info' },
    ...(cwd ? { cwd } : {}),
  });
}

/** A package's launcher in node_modules/.bin, resolved to its script so it runs under this Node. */
export function binPath(name: string): string {
  return realpathSync(join(ROOT, 'node_modules', '.bin', name));
}

/** bench/bare's Astro build, then the Pagefind CLI on its output. Concurrency 1 is Astro's default. */
export async function bareBuild(label: string, content: string, outDir: string, cacheDir: string, concurrency = 1): Promise<{ astro: Measured; pagefind: Measured }> {
  const astro = await run(`${label}-astro`, process.execPath, [binPath('astro'), 'build', '--root', 'bench/bare'], {
    env: { CONTENT_DIR: content, BARE_OUT_DIR: outDir, BARE_CACHE_DIR: cacheDir, ...(concurrency > 1 ? { BARE_CONCURRENCY: String(concurrency) } : {}) },
  });
  const pagefind = astro.ok
    ? await run(`${label}-pagefind`, process.execPath, [binPath('pagefind'), '--site', outDir])
    : ({ ...astro, ok: false, wallMs: 0, stdout: '', log: '' } as Measured);
  return { astro, pagefind };
}

export interface Round {
  fullMs: number;
  bareMs: number;
  /** Whether the full build ran before the bare one in this pair. */
  fullFirst: boolean;
  ok: boolean;
  /** What the cold full build printed: Astro's own time for its step, and the image worker's time per image. */
  full: { astroMs: number | null; msPerImage: number | null };
  /** The bare build's two commands (wall time), and Astro's own time for its step. */
  bare: { astroMs: number; pagefindMs: number; astroOwnMs: number | null };
}

/** The figures of a round read from its two builds. */
export function roundOf(full: Measured, bare: { astro: Measured; pagefind: Measured }, fullFirst: boolean): Round {
  return {
    fullMs: full.wallMs,
    bareMs: bare.astro.wallMs + bare.pagefind.wallMs,
    fullFirst,
    ok: full.ok && bare.astro.ok && bare.pagefind.ok,
    full: { astroMs: astroBuiltMs(full.stdout), msPerImage: imageRate(full.stdout) },
    bare: { astroMs: bare.astro.wallMs, pagefindMs: bare.pagefind.wallMs, astroOwnMs: astroBuiltMs(bare.astro.stdout) },
  };
}

/** A round's full ÷ bare wall time. */
export function pairRatio(round: Round): number {
  return round.fullMs / round.bareMs;
}

/** "52.7 s ÷ 40.6 s = 1.30×", as the rounds are printed. */
export function fmtPair(round: Round): string {
  return `${fmtS(round.fullMs)} ÷ ${fmtS(round.bareMs)} = ${fmtRatio(pairRatio(round))}`;
}

/** More pairs of the cold full build and the bare build, back to back, alternating which goes first. */
export async function pairedRounds(n: number, work: string, content: string, first: Round, rounds: number): Promise<Round[]> {
  const done = [first];
  for (let round = 2; round <= rounds && done.every((each) => each.ok); round += 1) {
    const fullFirst = round % 2 === 1;
    const builds: { full?: Measured; bare?: { astro: Measured; pagefind: Measured } } = {};
    for (const which of fullFirst ? ['full', 'bare'] : ['bare', 'full']) {
      await waitForQuiet(`round ${round}, the ${which} build`);
      if (which === 'full') builds.full = await fullBuild(`${n}-round${round}-full`, content, join(work, `round${round}-full`), cachesIn(work, `round${round}`));
      else builds.bare = await bareBuild(`${n}-round${round}-bare`, content, join(work, `round${round}-bare`), join(work, `round${round}-bare-cache`));
    }
    const pair = roundOf(builds.full!, builds.bare!, fullFirst);
    console.log(`    round ${round} (${fullFirst ? 'full build first' : 'bare build first'}): ${pair.ok ? fmtPair(pair) : 'FAILED (see bench-out/logs)'}`);
    done.push(pair);
  }
  return done;
}
