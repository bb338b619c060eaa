/**
 * Publish one (--publish N): what an editor waits for after one change to a site of N articles.
 * A newsroom's checkout (a project copy of its own, its caches and dist/ kept from build to
 * build) builds the corpus once, which fills every cache, then once more with nothing changed.
 * Then, round after round, each change of bench/publish-changes.ts: the newsroom's
 * `npm run build` and a clean cold build of the same content (a fresh project copy, empty
 * caches, a fresh output folder) back to back, alternating which goes first, and the two dist/
 * folders compared file by file (sha256).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyProject } from '../tests/helpers/isolated-build.ts';
import { compareFingerprints, fingerprint, type FingerprintDifference } from '../tests/helpers/fingerprint.ts';
import { cachesIn, figures, fullBuild, type BuildFigures } from './builds.ts';
import { cleanup, state } from './context.ts';
import { fmtGiB, fmtInt, fmtLoad, fmtRatio, fmtS } from './format.ts';
import { generateCorpus } from './generate-corpus.ts';
import { waitForQuiet, type Measured } from './measure.ts';
import type { Options } from './options.ts';
import { dirSize, reusedDocuments } from './output.ts';
import { CHANGE_KINDS, Newsroom, type ChangeKind } from './publish-changes.ts';

/** How many file names of each kind of difference the results keep. */
const NAMES_KEPT = 5;

/** How a rebuilt dist/ compares with a clean cold build's of the same content. */
export interface Identity {
  /** Files in the clean build's dist/. */
  files: number;
  differing: number;
  missing: number;
  extra: number;
  /** The first few names of each kind, as "differing: articles/x/index.html". */
  first: string[];
}

export function identityOf(difference: FingerprintDifference, files: number): Identity {
  const named = (kind: string, list: string[]) => list.slice(0, NAMES_KEPT).map((file) => `${kind}: ${file}`);
  return {
    files,
    differing: difference.differing.length,
    missing: difference.missing.length,
    extra: difference.extra.length,
    first: [...named('differing', difference.differing), ...named('missing', difference.missing), ...named('extra', difference.extra)],
  };
}

export const isIdentical = (identity: Identity) => identity.differing + identity.missing + identity.extra === 0;

/** "identical (36,356 files)" or "12 differing, 0 missing, 1 extra of 36,356 files (differing: a, …)". */
export function fmtIdentity(identity: Identity | null): string {
  if (!identity) return 'not compared (a build failed)';
  if (isIdentical(identity)) return `identical (${fmtInt(identity.files)} files)`;
  return `${fmtInt(identity.differing)} differing, ${fmtInt(identity.missing)} missing, ${fmtInt(identity.extra)} extra of ${fmtInt(identity.files)} files (${identity.first.join(', ')})`;
}

/** A build of the newsroom, with how many documents it copied from its last build (as it prints it). */
export type NewsroomBuild = BuildFigures & { reused: number | null };

export interface PublishStep {
  kind: ChangeKind;
  round: number;
  what: string;
  /** Whether the newsroom's build ran before the clean one in this pair. */
  publishFirst: boolean;
  publish: NewsroomBuild;
  cold: BuildFigures;
  /** The newsroom's dist/ against the clean build's; null when either build failed. */
  identity: Identity | null;
}

export interface PublishResult {
  n: number;
  rounds: number;
  /** The newsroom's first build: cold, and the one that fills every cache. */
  first: NewsroomBuild;
  /** The next build with nothing changed, its dist/ against the first build's. */
  unchanged: (NewsroomBuild & { identity: Identity | null }) | null;
  steps: PublishStep[];
}

/** A step's publish ÷ clean cold wall time, or null when either build failed. */
export function stepRatio(step: PublishStep): number | null {
  return step.publish.ok && step.cold.ok ? step.publish.wallMs / step.cold.wallMs : null;
}

function line(f: BuildFigures & { reused?: number | null }): string {
  if (!f.ok) return `FAILED (${f.error})`;
  const reused = f.reused === undefined ? '' : `, reused ${f.reused === null ? 'n/a' : fmtInt(f.reused)} documents`;
  return `${fmtS(f.wallMs)}, peak ${fmtGiB(f.peakBytes)}${reused}${fmtLoad(f)}`;
}

export async function benchPublish(n: number, options: Pick<Options, 'publishRounds' | 'seed' | 'keep'>): Promise<PublishResult> {
  const { publishRounds: rounds, seed } = options;
  // Folders made for the scenario; --keep keeps them.
  const made: string[] = [];
  const own = (dir: string) => {
    made.push(dir);
    cleanup.add(dir);
    return dir;
  };
  try {
    return await publishScenario(n, rounds, seed, own);
  } finally {
    if (options.keep) {
      console.log(`kept ${made.join(', ')}`);
      for (const dir of made) cleanup.delete(dir);
    }
  }
}

async function publishScenario(n: number, rounds: number, seed: number, own: (dir: string) => string): Promise<PublishResult> {
  console.log(`\n=== publish one, N = ${fmtInt(n)} (${rounds} round${rounds === 1 ? '' : 's'} of ${CHANGE_KINDS.join(', ')}) ===`);
  const work = own(mkdtempSync(join(tmpdir(), `bench-publish-${n}-`)));
  const content = join(work, 'content');
  // The corpus of N articles is the first N of N + rounds, the same N articles as --n N with
  // this seed; the others are held back to be published one a round.
  const corpus = generateCorpus({ n: n + rounds, seed, outDir: content, contentDir: join(state.project, 'content') });
  const newsroom = new Newsroom(content, join(work, 'spare'), corpus.articles, rounds, seed);
  console.log(`generated ${fmtInt(n)} articles (and ${rounds} to add) → ${content}`);

  // The newsroom's checkout: built only by the newsroom's builds, as an editor's or a CI runner's
  // with its caches kept; dist/ is the same folder every time.
  const project = own(copyProject('bench-newsroom-'));
  const caches = cachesIn(work, 'newsroom');
  const dist = join(work, 'dist');
  const newsroomBuild = async (label: string): Promise<NewsroomBuild> => {
    const measured = await fullBuild(`publish-${n}-${label}`, content, dist, caches, project);
    return { ...figures([measured], n, dirSize(dist)), reused: reusedDocuments(measured.stdout) };
  };
  const cleanBuild = async (label: string): Promise<{ figures: BuildFigures; out: string }> => {
    const cleanProject = own(copyProject('bench-clean-'));
    const out = join(work, `clean-${label}`);
    const measured: Measured = await fullBuild(`publish-${n}-clean-${label}`, content, out, cachesIn(work, `clean-${label}`), cleanProject);
    return { figures: figures([measured], n, dirSize(out)), out };
  };

  await waitForQuiet("the newsroom's first build");
  console.log("the newsroom's first build (cold; fills every cache) …");
  const first = await newsroomBuild('first');
  console.log(`    ${line(first)}`);
  const result: PublishResult = { n, rounds, first, unchanged: null, steps: [] };
  if (!first.ok) return result;

  const before = fingerprint(dist);
  await waitForQuiet('the rebuild with nothing changed');
  console.log('nothing changed: build again …');
  const unchanged = await newsroomBuild('unchanged');
  const unchangedIdentity = unchanged.ok ? identityOf(compareFingerprints(before, fingerprint(dist)), before.size) : null;
  result.unchanged = { ...unchanged, identity: unchangedIdentity };
  console.log(`    ${line(unchanged)}${unchanged.ok ? ` (${fmtRatio(unchanged.wallMs / first.wallMs)} the first build); dist/ against the first build's: ${fmtIdentity(unchangedIdentity)}` : ''}`);

  for (let round = 1; round <= rounds; round += 1) {
    for (const kind of CHANGE_KINDS) {
      const change = newsroom.apply(kind);
      const publishFirst = (round + CHANGE_KINDS.indexOf(kind)) % 2 === 1;
      console.log(`round ${round}, ${change.what} (${publishFirst ? 'newsroom build first' : 'clean build first'}) …`);
      let publish: NewsroomBuild | undefined;
      let clean: { figures: BuildFigures; out: string } | undefined;
      for (const which of publishFirst ? ['publish', 'clean'] : ['clean', 'publish']) {
        await waitForQuiet(which === 'publish' ? "the newsroom's build" : 'the clean build');
        if (which === 'publish') publish = await newsroomBuild(`r${round}-${kind}`);
        else clean = await cleanBuild(`r${round}-${kind}`);
      }
      const step: PublishStep = { kind, round, what: change.what, publishFirst, publish: publish!, cold: clean!.figures, identity: null };
      if (step.publish.ok && step.cold.ok) {
        const expected = fingerprint(clean!.out);
        step.identity = identityOf(compareFingerprints(expected, fingerprint(dist)), expected.size);
      }
      result.steps.push(step);
      const ratio = stepRatio(step);
      console.log(`    newsroom ${line(step.publish)}; clean ${line(step.cold)}${ratio === null ? '' : `; ${fmtRatio(ratio)}`}`);
      console.log(`    dist/ against the clean build's: ${fmtIdentity(step.identity)}`);
      // A failed build leaves the newsroom's state unknown: later rounds would measure something else.
      if (ratio === null) return result;
    }
  }
  return result;
}
