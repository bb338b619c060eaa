/**
 * `npm run bench`: the scale benchmark. For each N it generates N articles (bench/generate-corpus.ts)
 * into a temporary content folder and times, side by side, this site's `npm run build`, the bare
 * baseline (bench/bare: Astro's defaults, then the Pagefind CLI), and Hugo; at the judged and the
 * largest N it also weighs the built pages and times the first search in Chromium. With
 * --publish N it times publishing one change to a site of N articles against a clean build
 * (bench/publish.ts). bench/README.md says what each figure means and how it is measured.
 *
 *   npm run bench                                   N = 1,000 and 10,000
 *   npm run bench -- --n 1000,10000,30000 --publish 10000
 *   npm run bench -- --quick                        N = 100
 *   npm run bench -- --quick --publish 300          the publish scenario alone, one round
 *
 * Writes bench-out/results.json (and results-<sizes>.json) and bench-out/logs/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyProject } from '../tests/helpers/isolated-build.ts';
import { cleanUpAndExit, cleanup, GiB, OUT, removeTemporaryFolders, ROOT, state } from './context.ts';
import { fmtInt, fmtS } from './format.ts';
import { GNU_TIME, hasGnuTime } from './measure.ts';
import { parseOptions, USAGE } from './options.ts';
import { benchPublish, type PublishResult } from './publish.ts';
import { evaluateTargets, judgedSize, markdown } from './report.ts';
import { CHROMIUM, chromiumVersionText } from './search.ts';
import { hugoVersion } from './hugo.ts';
import { benchSize, type SizeResult } from './size.ts';

/** How many pages this site's Astro config renders at a time. */
async function siteConcurrency(): Promise<number> {
  const config = (await import(pathToFileURL(join(ROOT, 'astro.config.mjs')).href)) as { default: { build?: { concurrency?: number } } };
  return config.default.build?.concurrency ?? 1;
}

/** The commit measured, and how many files differ from it. */
function gitState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean).length;
    return changed > 0 ? `${head} + ${changed} uncommitted change(s)` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  process.on('SIGINT', cleanUpAndExit);
  process.on('SIGTERM', cleanUpAndExit);
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  state.maxWaitMs = options.maxWaitMs;
  // --keep and --profile change no figure (the profiled build is an extra, untimed one), so they are left out.
  const shown = process.argv.slice(2).filter((arg) => arg !== '--keep' && arg !== '--profile');
  const command = `npm run bench${shown.length > 0 ? ` -- ${shown.join(' ')}` : ''}`;
  const hugo = options.hugo ? hugoVersion() : null;
  if (options.hugo && !hugo) console.log('Hugo is not installed (apt-get install -y hugo): skipping (c)');
  if (!hasGnuTime) console.log(`no ${GNU_TIME} (apt-get install -y time): peak memory from /proc sampling only`);
  const pkg = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  const env: Record<string, string> = {
    cpus: String(cpus().length),
    memory: `${Math.round(totalmem() / GiB)} GiB`,
    node: `Node ${process.version}`,
    astro: pkg('astro'),
    pagefind: pkg('pagefind'),
    hugo: hugo ?? '',
    chromium: existsSync(CHROMIUM) ? chromiumVersionText().replace(/ built on.*/, '') : 'no Chromium',
    seed: String(options.seed),
  };
  mkdirSync(OUT, { recursive: true });
  rmSync(join(OUT, 'logs'), { recursive: true, force: true });
  env.code = gitState();
  state.siteConcurrency = await siteConcurrency();
  state.project = copyProject('bench-project-');
  cleanup.add(state.project);
  console.log(`building from a private copy of the working tree (${env.code}): ${state.project}`);
  const scenarios = [
    ...(options.sizes.length > 0 ? [`N = ${options.sizes.map(fmtInt).join(', ')}`] : []),
    ...(options.publish !== null ? [`publish one at N = ${fmtInt(options.publish)}, ${options.publishRounds} round(s)`] : []),
  ];
  console.log(`benchmark: ${scenarios.join('; ')}; ${env.cpus} cores, ${env.memory}, ${env.node}, Astro ${env.astro}, Pagefind ${env.pagefind}${hugo ? `, Hugo ${hugo}` : ''}`);
  const started = performance.now();
  const results: SizeResult[] = [];
  let publish: PublishResult | null = null;
  const largest = Math.max(...options.sizes);
  try {
    for (const n of options.sizes) {
      results.push(await benchSize(n, options, n === largest, n === judgedSize(options.sizes), hugo));
      writeFileSync(join(OUT, 'results.json'), `${JSON.stringify({ env, options, results, partial: true }, null, 2)}\n`);
    }
    if (options.publish !== null) publish = await benchPublish(options.publish, options);
  } finally {
    // Every build has run (or one failed): now the temporary folders can go.
    if (options.keep) {
      console.log(`kept ${state.project}`);
      cleanup.delete(state.project);
    }
    removeTemporaryFolders();
  }
  const targets = evaluateTargets(results, options, publish);
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.measured}${t.note ? ` (${t.note})` : ''}`);
  for (const r of results) {
    if (!r.profile) continue;
    console.log(`\nTop functions by self time in this site's Astro step at N = ${fmtInt(r.n)} (${r.profile.site.dir}):`);
    for (const p of r.profile.site.self) console.log(`  ${String(p.ms).padStart(7)} ms ${String(p.pct).padStart(5)}%  ${p.name}`);
  }
  const table = markdown(results, targets, env, command, publish);
  console.log(`\n${table}\n`);
  const totalMs = performance.now() - started;
  const json = `${JSON.stringify({ env, options, command, totalMs: Math.round(totalMs), results, publish, targets, markdown: table }, null, 2)}\n`;
  writeFileSync(join(OUT, 'results.json'), json);
  // One file per set of sizes too, so a quick run does not overwrite the last full one.
  const named = [...options.sizes.map(String), ...(options.publish !== null ? [`publish${options.publish}`] : [])];
  writeFileSync(join(OUT, `results-${named.join('-')}.json`), json);
  console.log(`wrote ${join(OUT, 'results.json')} (logs in ${join(OUT, 'logs')}); benchmark took ${fmtS(totalMs)}`);
  const publishOk = publish === null || (publish.first.ok && (publish.unchanged?.ok ?? false) && publish.steps.every((step) => step.publish.ok && step.cold.ok));
  return publishOk && results.every((r) => r.full.ok && r.bare.ok && (r.hugo?.ok ?? true) && r.rounds.every((each) => each.ok)) ? 0 : 1;
}

process.exitCode = await main();
