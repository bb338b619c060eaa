/**
 * The bench's report: the targets it judges, and the Markdown tables it prints and writes to
 * bench-out/results.json.
 */
import { fmtPair, pairRatio, type BuildFigures } from './builds.ts';
import { GiB, state } from './context.ts';
import { fmtBreakdown, fmtGiB, fmtInt, fmtKB, fmtMB, fmtMs, fmtRatio, fmtS, median } from './format.ts';
import type { Options } from './options.ts';
import type { ProfileSummary } from './profile.ts';
import { CHANGE_NAMES } from './publish-changes.ts';
import type { PublishResult } from './publish.ts';
import { fmtKindIdentity, fmtKindRatio, publishMarkdown, publishSummary } from './publish-report.ts';
import type { SizeResult } from './size.ts';

const TARGETS = {
  fullOverBare: 1.25,
  peakMemoryBytes: 3 * GiB,
  articleHtmlCssGzip: 14_000,
  firstSearchBytes: 250_000,
  firstResultMs: 300,
  perArticleGrowth: 1.2,
  /** At 30,000 articles. */
  peakMemoryBytes30k: 4 * GiB,
  firstSearchBytes30k: 300_000,
  firstResultMs30k: 300,
  /** A build after one change, over a clean cold build of the same content. */
  publishOverCold: 0.4,
};

export interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
  note?: string;
}

/** The size the targets are judged at: 10,000 when it was run, else the largest. */
export function judgedSize(sizes: readonly number[]): number {
  return sizes.includes(10000) ? 10000 : Math.max(...sizes);
}

function judgedResult(results: readonly SizeResult[]): SizeResult {
  const n = judgedSize(results.map((r) => r.n));
  return results.find((r) => r.n === n) as SizeResult;
}

export function evaluateTargets(results: SizeResult[], options: Options, publish: PublishResult | null = null): Target[] {
  return [...(results.length > 0 ? sizeTargets(results, options) : []), ...(publish ? publishTargets(publish) : [])];
}

function sizeTargets(results: SizeResult[], options: Options): Target[] {
  const subject = judgedResult(results);
  const note = subject && subject.n !== 10000 ? `measured at N = ${fmtInt(subject.n)}, not 10,000` : undefined;
  const targets: Target[] = [];
  const r = roundsRatio(subject);
  const measured = subject.rounds.length > 1 && r !== null ? `${fmtRatio(r)}, the median of ${subject.rounds.length} paired rounds (${subject.rounds.map((each) => fmtRatio(pairRatio(each))).join(', ')})` : fmtRatio(r);
  targets.push({ name: `full build ≤ ${TARGETS.fullOverBare}× bare Astro + Pagefind (N = 10,000)`, measured, pass: r === null ? null : r <= TARGETS.fullOverBare, note });
  targets.push({
    name: 'full build peak memory < 3 GiB (N = 10,000)',
    measured: subject.full.ok ? fmtGiB(subject.full.peakBytes) : 'build failed',
    pass: subject.full.ok ? subject.full.peakBytes < TARGETS.peakMemoryBytes : false,
    note,
  });
  const pages = subject.pages;
  const articleHtmlCss = pages ? pages.article.html.gzip + pages.article.css.gzip : null;
  targets.push({ name: 'article page HTML + CSS < 14 KB gzip', measured: articleHtmlCss === null ? 'n/a' : fmtKB(articleHtmlCss), pass: articleHtmlCss === null ? null : articleHtmlCss < TARGETS.articleHtmlCssGzip, note });
  const articleLoad = subject.browser?.pageLoads.article;
  const jsStatic = pages ? pages.article.js.raw : null;
  targets.push({
    name: 'article page: 0 bytes of JavaScript before a search',
    measured:
      jsStatic === null || !pages
        ? 'n/a'
        : `${jsStatic} B in the page's scripts${pages.article.js.files.length > 0 ? ` (${pages.article.js.files.join(', ')})` : ''}${pages.article.js.inlineScripts > 0 ? `, ${pages.article.js.inlineScripts} inline` : ''}${articleLoad ? `; ${articleLoad.jsBytes} B fetched by Chromium` : ''}`,
    pass: jsStatic === null ? null : jsStatic === 0 && (!articleLoad || articleLoad.jsBytes === 0),
    note,
  });
  const b = subject.browser;
  targets.push({ name: 'first search fetches < 250 KB in all (median of 10)', measured: b ? `${fmtKB(b.median.bytes)} (search files alone ${fmtKB(b.median.searchBytes)})` : 'n/a', pass: b ? b.median.bytes < TARGETS.firstSearchBytes : null, note });
  targets.push({ name: 'first result < 300 ms after the last keystroke (median of 10)', measured: b ? `${Math.round(b.median.latencyMs)} ms` : 'n/a', pass: b ? b.median.latencyMs < TARGETS.firstResultMs : null, note });
  targets.push(...at30kTargets(results));
  targets.push(perArticleTarget(results, options));
  return targets;
}

/** Memory and the first search at 30,000 articles (or the largest N above 10,000, said in a note). */
export function at30kTargets(results: readonly SizeResult[]): Target[] {
  const largest = results.reduce<SizeResult | null>((best, r) => (best === null || r.n > best.n ? r : best), null);
  const subject = results.find((r) => r.n === 30000) ?? (largest && largest.n > 10000 ? largest : null);
  const note = subject === null ? 'needs N = 30,000' : subject.n !== 30000 ? `measured at N = ${fmtInt(subject.n)}, not 30,000` : undefined;
  const b = subject?.browser;
  return [
    {
      name: 'full build peak memory < 4 GiB (N = 30,000)',
      measured: subject === null ? 'n/a' : subject.full.ok ? fmtGiB(subject.full.peakBytes) : 'build failed',
      pass: subject === null ? null : subject.full.ok && subject.full.peakBytes < TARGETS.peakMemoryBytes30k,
      note,
    },
    { name: 'first search fetches < 300 KB in all (N = 30,000, median of 10)', measured: b ? `${fmtKB(b.median.bytes)} (search files alone ${fmtKB(b.median.searchBytes)})` : 'n/a', pass: b ? b.median.bytes < TARGETS.firstSearchBytes30k : null, note },
    { name: 'first result < 300 ms after the last keystroke (N = 30,000, median of 10)', measured: b ? `${Math.round(b.median.latencyMs)} ms` : 'n/a', pass: b ? b.median.latencyMs < TARGETS.firstResultMs30k : null, note },
  ];
}

/** "1,000: 10.9 · 10,000: 6.3 · 30,000: 4.8": ms per article of each N's cold build. */
export function fmtPerArticle(results: readonly SizeResult[]): string {
  return [...results].sort((a, b) => a.n - b.n).map((r) => `${fmtInt(r.n)}: ${r.full.ok ? fmtMs(r.full.msPerArticle) : 'failed'}`).join(' · ');
}

/** Time per article stays flat: the largest N's ms per article over the smallest's. */
export function perArticleTarget(results: readonly SizeResult[], options: Pick<Options, 'quick'>): Target {
  const sorted = [...results].sort((a, b) => a.n - b.n);
  const [smallest, largest] = [sorted[0], sorted.at(-1)];
  if (!smallest || !largest || smallest.n === largest.n) {
    return { name: 'ms per article at the largest N ≤ 1.2× that at the smallest', measured: 'n/a (needs two sizes or more)', pass: null, note: options.quick ? 'quick mode' : undefined };
  }
  const name = `ms per article at N = ${fmtInt(largest.n)} ≤ 1.2× that at N = ${fmtInt(smallest.n)}`;
  if (!smallest.full.ok || !largest.full.ok) return { name, measured: `${fmtPerArticle(sorted)} ms (a build failed)`, pass: false };
  const growth = largest.full.msPerArticle / smallest.full.msPerArticle;
  return { name, measured: `${fmtPerArticle(sorted)} ms; ${fmtInt(largest.n)} ÷ ${fmtInt(smallest.n)} = ${fmtRatio(growth)}`, pass: growth <= TARGETS.perArticleGrowth };
}

/** For each change of the publish scenario: its time against a clean cold build, and whether its dist/ is the clean one's. */
export function publishTargets(publish: PublishResult): Target[] {
  const note = publish.n !== 10000 ? `measured at N = ${fmtInt(publish.n)}, not 10,000` : undefined;
  const targets: Target[] = [];
  for (const summary of publishSummary(publish)) {
    const what = `publish one, ${CHANGE_NAMES[summary.kind]}`;
    if (summary.kind !== 'topic') {
      targets.push({
        name: `${what}: ≤ 0.4× a clean cold build (N = 10,000)`,
        measured: summary.ratio === null ? fmtKindRatio(summary) : `${fmtKindRatio(summary)}; ${fmtS(summary.publishMs!)} against ${fmtS(summary.coldMs!)}`,
        pass: summary.failed ? false : summary.ratio === null ? null : summary.ratio <= TARGETS.publishOverCold,
        note,
      });
    }
    targets.push({
      name: `${what}: dist/ byte-identical to the clean cold build's`,
      measured: fmtKindIdentity(summary),
      pass: summary.failed ? false : summary.compared === 0 ? null : summary.identical === summary.compared,
      note,
    });
  }
  return targets;
}

/** The median of the paired rounds' full ÷ bare ratios, or null when a build of any round failed. */
function roundsRatio(result: SizeResult): number | null {
  return result.rounds.every((each) => each.ok) ? median(result.rounds.map(pairRatio)) : null;
}

/** a's wall time over b's, as printed, or n/a when either build failed or did not run. */
function wallRatio(a: BuildFigures | null, b: BuildFigures | null): string {
  return a?.ok && b?.ok ? fmtRatio(a.wallMs / b.wallMs) : 'n/a';
}

/**
 * Each round's builds split into what can be told from outside (seconds), so the reader sees
 * which side moved: each site's Astro step as Astro itself prints it (from its start, after the
 * config has loaded, to its end), the preview-image worker's time per image as this site's build
 * prints it, and the bare build's Pagefind command.
 */
function roundsTable(r: SizeResult): string[] {
  const s = (ms: number | null) => (ms === null ? 'n/a' : (ms / 1000).toFixed(1));
  const lines = [
    `Where the time went in each round at N = ${fmtInt(r.n)} (s; "Astro's own time" is the figure Astro prints for its build; the preview images are drawn on a worker thread during the render, and "ms an image" is that worker's own figure):`,
    '',
    "| round | this site | Astro's own time | preview images, ms an image | bare | Astro's own time | its Pagefind | full ÷ bare |",
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  r.rounds.forEach((each, i) => {
    lines.push(
      `| ${i + 1}${each.fullFirst ? '' : ' (bare first)'} | ${s(each.fullMs)} | ${s(each.full.astroMs)} | ${each.full.msPerImage === null ? 'n/a' : each.full.msPerImage.toFixed(1)} | ${s(each.bareMs)} | ${s(each.bare.astroOwnMs)} | ${s(each.bare.pagefindMs)} | ${each.ok ? fmtRatio(pairRatio(each)) : 'failed'} |`,
    );
  });
  return lines;
}

/** CPU self time by package in the two Astro steps, side by side (--profile). */
function profileTable(n: number, profile: { site: ProfileSummary; bare: ProfileSummary }): string[] {
  const bareMs = new Map(profile.bare.byPackage.map((p) => [p.name, p.ms]));
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const threads = (p: ProfileSummary) => `${p.threads.length} thread${p.threads.length === 1 ? '' : 's'}`;
  const lines = [
    `CPU profiles of the two Astro steps at N = ${fmtInt(n)} (\`node --cpu-prof\`, not timed; this site's with its image cache warm, so no image is drawn): self time by package, in CPU-seconds. Astro bundles each site's pages, components and src/lib, with part of its own runtime, into "the built site"; "node internals" is Node's own JavaScript (file system, modules, streams) and "native calls" the C++ it calls into; "(garbage collector)" and "(program)" are V8's own work.`,
    '',
    '| package | this site | bare |',
    '| --- | ---: | ---: |',
    `| all (${threads(profile.site)} / ${threads(profile.bare)}) | ${s(profile.site.totalMs)} | ${s(profile.bare.totalMs)} |`,
  ];
  for (const p of profile.site.byPackage.slice(0, 14)) lines.push(`| ${p.name} | ${s(p.ms)} | ${s(bareMs.get(p.name) ?? 0)} |`);
  return lines;
}

export function markdown(results: SizeResult[], targets: Target[], env: Record<string, string>, command: string, publish: PublishResult | null = null): string {
  const lines: string[] = [];
  lines.push(`Measured with \`${command}\` (code ${env.code}) on ${env.cpus} cores, ${env.memory}, ${env.node}, Astro ${env.astro}, Pagefind ${env.pagefind}${env.hugo ? `, Hugo ${env.hugo}` : ''}, ${env.chromium}; seed ${env.seed}.`);
  if (results.length > 0) lines.push('', ...sizesMarkdown(results));
  if (publish) lines.push('', ...publishMarkdown(publish));
  lines.push('');
  lines.push('| target | measured | result |');
  lines.push('| --- | --- | --- |');
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured}${t.note ? ` (${t.note})` : ''} | ${t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL'} |`);
  return lines.join('\n');
}

/** The tables of the sizes run: builds side by side, rounds, output, profiles, page weight and the first search. */
function sizesMarkdown(results: SizeResult[]): string[] {
  const lines: string[] = [];
  lines.push('| N | build | wall time | ms per article | CPU time | peak memory | output | full ÷ this | other load |');
  lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const row = (name: string, f: BuildFigures | null, extra = '', ratio: string) => {
      if (!f) return;
      if (!f.ok) {
        lines.push(`| ${fmtInt(r.n)} | ${name} | failed | | | ${fmtGiB(f.peakBytes)} | | | |`);
        return;
      }
      lines.push(
        `| ${fmtInt(r.n)} | ${name} | ${fmtS(f.wallMs)}${extra} | ${fmtMs(f.msPerArticle)} | ${f.cpuS === null ? 'n/a' : `${f.cpuS.toFixed(1)} s`} | ${fmtGiB(f.peakBytes)} | ${fmtMB(f.output.bytes)}, ${fmtInt(f.output.files)} files | ${ratio} | ${f.otherLoad === null ? 'n/a' : `${Math.round(f.otherLoad * 100)}%`} |`,
      );
    };
    row('this site: `npm run build`', r.full, '', '1.00×');
    if (r.fullWarm) row('this site, again with the caches it filled', r.fullWarm, '', r.fullWarm.ok && r.full.ok ? fmtRatio(r.full.wallMs / r.fullWarm.wallMs) : 'n/a');
    row('bare Astro + Pagefind CLI', r.bare, ` (${(r.bare.astroMs / 1000).toFixed(1)} + ${(r.bare.pagefindMs / 1000).toFixed(1)})`, wallRatio(r.full, r.bare));
    row(
      `bare, with this site's \`build.concurrency: ${state.siteConcurrency}\` (reference, not the baseline)`,
      r.bareConcurrent,
      r.bareConcurrent ? ` (${(r.bareConcurrent.astroMs / 1000).toFixed(1)} + ${(r.bareConcurrent.pagefindMs / 1000).toFixed(1)})` : '',
      wallRatio(r.full, r.bareConcurrent),
    );
    row(`Hugo ${r.hugo?.version ?? ''}`, r.hugo, '', wallRatio(r.full, r.hugo));
  }
  lines.push('');
  for (const r of results) {
    const concurrent = r.bareConcurrent ? `; against the bare site with \`build.concurrency: ${state.siteConcurrency}\`, ${wallRatio(r.full, r.bareConcurrent)} and ${wallRatio(r.fullWarm, r.bareConcurrent)}` : '';
    const judged = r.rounds.length > 1 || r !== judgedResult(results) ? 'caches cold' : "caches cold, the target's figure";
    lines.push(`Ratios at N = ${fmtInt(r.n)}: this site ÷ bare ${wallRatio(r.full, r.bare)} (${judged}), ${wallRatio(r.fullWarm, r.bare)} (caches warm)${concurrent}.`);
    lines.push('');
    if (r.rounds.length > 1) {
      const pairs = r.rounds.map(
        (each, i) => `${i + 1}${each.fullFirst ? '' : ' (bare first)'}: ${each.ok ? fmtPair(each) : 'failed'}`,
      );
      const ratio = roundsRatio(r);
      lines.push(
        `Paired rounds at N = ${fmtInt(r.n)}, the cold full build and the bare build back to back (round 1 is the pair in the table above): ${pairs.join(' · ')}. Median ${ratio === null ? 'n/a' : fmtRatio(ratio)}, the target's figure.`,
      );
      lines.push('');
      lines.push(...roundsTable(r));
      lines.push('');
    }
  }
  lines.pop();
  lines.push('');
  lines.push('Wall time from start to exit; CPU time is user + system of the build\'s processes; peak memory is the larger of the biggest process\'s maximum RSS and the sampled RSS of the whole process tree; other load is the share of the machine\'s CPU used by other processes meanwhile (near 0% for clean figures).');
  lines.push('');
  for (const r of results) {
    const own = (f: { astroMs: number | null } | null) => (f?.astroMs === null || f?.astroMs === undefined ? 'n/a' : fmtS(f.astroMs));
    const reused = r.fullWarm?.ok && r.fullWarm.reused !== null ? `; the warm build reused ${fmtInt(r.fullWarm.reused)} documents of the cold one` : '';
    lines.push(`Astro's own time for this site's Astro step at N = ${fmtInt(r.n)} (as Astro prints it): ${own(r.full)} with the caches cold, ${own(r.fullWarm)} warm${reused}.`);
    lines.push('');
  }
  lines.pop();
  for (const r of results) {
    if (r.full.ok) lines.push('', `Output of the full build at N = ${fmtInt(r.n)} by folder (MB, files): ${fmtBreakdown(r.full.breakdown)}.`);
  }
  for (const r of results) if (r.profile) lines.push('', ...profileTable(r.n, r.profile));
  if (results.length > 1) lines.push('', `Milliseconds per article of the cold build at each N: ${fmtPerArticle(results)}.`);
  for (const reader of results) lines.push(...readerMarkdown(reader));
  return lines;
}

/** Page weight and the first search at one N, when they were measured there. */
function readerMarkdown(reader: SizeResult): string[] {
  const lines: string[] = [];
  if (reader.pages) {
    const pg = reader.pages;
    lines.push('');
    lines.push(`Page weight at N = ${fmtInt(reader.n)} (gzip level 6, from the built files):`);
    lines.push('');
    lines.push('| page | HTML | CSS | JS | total |');
    lines.push('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, w] of [['home', pg.home], ['article (median size)', pg.article], ['topic, first page', pg.topic]] as const) {
      if (!w) continue;
      lines.push(`| ${name} | ${fmtKB(w.html.gzip)} | ${fmtKB(w.css.gzip)} | ${w.js.gzip === 0 ? '0' : fmtKB(w.js.gzip)} | ${fmtKB(w.totalGzip)} |`);
    }
  }
  if (reader.browser) {
    const b = reader.browser;
    lines.push('');
    lines.push(`First search in Chromium at N = ${fmtInt(reader.n)} (fresh profile per query, ${b.server}; median of ${b.searches.length} queries):`);
    lines.push('');
    lines.push('| measure | median | range |');
    lines.push('| --- | ---: | ---: |');
    const range = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))} – ${f(Math.max(...xs))}`;
    lines.push(`| bytes fetched, search page + search (encoded) | ${fmtKB(b.median.bytes)} | ${range(b.searches.map((s) => s.bytes), fmtKB)} |`);
    lines.push(`| of which search JS, wasm, index, fragments | ${fmtKB(b.median.searchBytes)} | ${range(b.searches.map((s) => s.searchBytes), fmtKB)} |`);
    for (const [kind, bytes] of Object.entries(b.median.byKind)) lines.push(`| · ${kind} | ${fmtKB(bytes)} | |`);
    lines.push(`| last keystroke → first result shown | ${Math.round(b.median.latencyMs)} ms | ${range(b.searches.map((s) => s.latencyMs), (x) => `${Math.round(x)} ms`)} |`);
  }
  return lines;
}
