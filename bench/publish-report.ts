/**
 * The publish scenario's figures as the report prints them: for each kind of change the medians
 * of its pairs, and a table of every pair.
 */
import { fmtGiB, fmtInt, fmtRatio, fmtS, median } from './format.ts';
import { CHANGE_KINDS, CHANGE_NAMES, type ChangeKind } from './publish-changes.ts';
import { fmtIdentity, isIdentical, stepRatio, type PublishResult } from './publish.ts';

export interface KindSummary {
  kind: ChangeKind;
  /** Pairs timed for this kind (a failed build ends the scenario). */
  pairs: number;
  /** Each pair's newsroom ÷ clean wall time, in round order. */
  ratios: number[];
  /** The median of `ratios`; null when a build failed or no pair ran. */
  ratio: number | null;
  publishMs: number | null;
  coldMs: number | null;
  /** Pairs whose two dist/ folders were compared, and of those the identical ones. */
  compared: number;
  identical: number;
  /** Whether a build of this kind failed. */
  failed: boolean;
  /** "round 2: 3 differing, …" for each pair whose dist/ differed. */
  differences: string[];
}

export function publishSummary(result: PublishResult): KindSummary[] {
  return CHANGE_KINDS.map((kind) => {
    const steps = result.steps.filter((step) => step.kind === kind);
    const ok = steps.filter((step) => stepRatio(step) !== null);
    // The newsroom's first build failing leaves no change to time: each counts as failed.
    const failed = ok.length < steps.length || !result.first.ok;
    const compared = steps.filter((step) => step.identity !== null);
    return {
      kind,
      pairs: steps.length,
      ratios: ok.map((step) => stepRatio(step)!),
      ratio: failed || ok.length === 0 ? null : median(ok.map((step) => stepRatio(step)!)),
      publishMs: ok.length === 0 ? null : median(ok.map((step) => step.publish.wallMs)),
      coldMs: ok.length === 0 ? null : median(ok.map((step) => step.cold.wallMs)),
      compared: compared.length,
      identical: compared.filter((step) => isIdentical(step.identity!)).length,
      failed,
      differences: compared.filter((step) => !isIdentical(step.identity!)).map((step) => `round ${step.round}: ${fmtIdentity(step.identity)}`),
    };
  });
}

/** "0.95×, the median of 3 pairs (0.93×, 0.95×, 1.01×)", or why there is no figure. */
export function fmtKindRatio(summary: KindSummary): string {
  if (summary.failed) return 'a build failed';
  if (summary.ratio === null) return 'n/a (not run)';
  if (summary.ratios.length === 1) return fmtRatio(summary.ratio);
  return `${fmtRatio(summary.ratio)}, the median of ${summary.ratios.length} pairs (${summary.ratios.map(fmtRatio).join(', ')})`;
}

/** "identical in 3 of 3 pairs", or which pairs differed and how. */
export function fmtKindIdentity(summary: KindSummary): string {
  if (summary.compared === 0) return summary.failed ? 'not compared (a build failed)' : 'n/a (not run)';
  const count = `identical in ${summary.identical} of ${summary.compared} pair${summary.compared === 1 ? '' : 's'}`;
  return summary.differences.length === 0 ? count : `${count}; ${summary.differences.join('; ')}`;
}

export function publishMarkdown(result: PublishResult): string[] {
  const s = (ms: number | null) => (ms === null ? 'n/a' : fmtS(ms));
  const lines = [
    `Publish one at N = ${fmtInt(result.n)}: each change, then the newsroom's \`npm run build\` (its project copy, BUILD_CACHE, OG_IMAGE_CACHE and dist/ kept from its earlier builds) and a clean cold build of the same content (a fresh project copy, empty caches, a fresh output folder), back to back, alternating which goes first; each dist/ compared file by file (sha256) with the clean one's. Medians of the pairs:`,
    '',
    '| change | newsroom build | clean cold build | newsroom ÷ clean | dist/ against the clean build\'s |',
    '| --- | ---: | ---: | ---: | --- |',
  ];
  for (const summary of publishSummary(result)) {
    lines.push(`| ${CHANGE_NAMES[summary.kind]} | ${s(summary.publishMs)} | ${s(summary.coldMs)} | ${fmtKindRatio(summary)} | ${fmtKindIdentity(summary)} |`);
  }
  lines.push('');
  const first = result.first;
  const unchanged = result.unchanged;
  lines.push(
    `The newsroom's first build (cold; it fills every cache): ${first.ok ? `${fmtS(first.wallMs)}, peak ${fmtGiB(first.peakBytes)}` : 'failed'}. Again with nothing changed: ${
      unchanged ? (unchanged.ok ? `${fmtS(unchanged.wallMs)} (${fmtRatio(unchanged.wallMs / first.wallMs)} the first build), reusing ${unchanged.reused === null ? 'n/a' : fmtInt(unchanged.reused)} documents, peak ${fmtGiB(unchanged.peakBytes)}; dist/ against the first build's: ${fmtIdentity(unchanged.identity)}` : 'failed') : 'not run'
    }.`,
  );
  if (result.steps.length === 0) return lines;
  lines.push(
    '',
    '| round | change | newsroom build | documents it reused | clean cold build | ratio | peak memory, newsroom / clean | dist/ |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const step of result.steps) {
    const wall = (f: { ok: boolean; wallMs: number }) => (f.ok ? fmtS(f.wallMs) : 'failed');
    lines.push(
      `| ${step.round}${step.publishFirst ? '' : ' (clean first)'} | ${step.what} | ${wall(step.publish)} | ${step.publish.reused === null ? 'n/a' : fmtInt(step.publish.reused)} | ${wall(step.cold)} | ${fmtRatio(stepRatio(step))} | ${fmtGiB(step.publish.peakBytes)} / ${fmtGiB(step.cold.peakBytes)} | ${fmtIdentity(step.identity)} |`,
    );
  }
  return lines;
}
