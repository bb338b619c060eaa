/**
 * `npm run bench`: the scale benchmark of issue 6. For each N it generates N articles
 * (scripts/generate-corpus.ts) into a temporary content folder and times, side by side:
 *
 *   (a) full:  this site's `npm run build` (node scripts/build.ts with CONTENT_DIR and OUT_DIR):
 *              pages, topic pages, feeds, sitemap, Pagefind index and audit;
 *   (b) bare:  bench/bare, an Astro 7 site that renders one page per article and nothing else,
 *              then the Pagefind CLI on its output (the target's baseline: Astro's defaults);
 *   (b') bare again with this site's build.concurrency, for reference only;
 *   (c) Hugo:  Debian's hugo on the same articles, with a `topics` taxonomy, pagination and RSS
 *              (skipped when hugo is not installed).
 *
 * At the largest N (10,000; 100 with --quick) it also measures the built site: gzip weight of the
 * home, an article and a topic page with their CSS and JS, and, in Chromium, the bytes fetched for a
 * first search and the time from the last keystroke to the first result (median of ten queries).
 *
 *   npm run bench                 N = 1,000 and 10,000
 *   npm run bench -- --quick      N = 100
 *   options: --n 500,2000     sizes to run instead
 *            --seed 1          corpus seed
 *            --no-hugo --no-browser --no-warm   skip Hugo, the Chromium measurements, the warm rebuild
 *            --rounds 5        pairs of cold full and bare builds at the target's N (judged on their median ratio)
 *            --profile         after timing, run this site's Astro step (image cache warm) and the bare
 *                              one under node --cpu-prof and print their CPU by package side by side
 *            --max-wait 600    seconds to wait for other processes to leave the CPUs before each step
 *            --keep            keep the temporary folders
 *
 * Builds run in a private copy of the working tree (see snapshotProject), so a build or test
 * running meanwhile in the checkout cannot disturb them and every build starts cold. Nothing is
 * deleted until the last build has run (creating files just after a mass deletion is slower on
 * ext4, and that would fall on whichever build came next). Before each
 * timed step it waits for other processes to leave the CPUs, and it prints how much CPU other
 * processes took during each step ("other load"), since this machine may be shared.
 *
 * The full build is timed cold (its social-image cache is a fresh folder), then once more with
 * that cache warm, for information; the targets use the cold build.
 *
 * Paired rounds: at the N the targets are judged at (10,000 when it runs, else the largest), the
 * cold full build and the bare build run again, back to back and in alternating order (--rounds 5
 * in all, counting the first pair; fresh folders each time). This machine's speed drifts by 20%
 * and more between minutes, so one pair can land far from the truth either way; the target is
 * judged on the median of the rounds' ratios. The warm rebuild runs after the first bare build,
 * so that the first pair is back to back too.
 *
 * First search: for each query, a fresh Chromium profile opens /search/ on `astro preview`
 * (which gzips like a static host), waits for the network to go idle, types the query with
 * keystrokes 100 ms apart, and records the frame in which the first result for the query shows
 * (a result in the list whose data-query is the query, or "No articles match") and every
 * response's encoded body size from the network log.
 *
 * Peak memory is the larger of GNU time's "Maximum resident set size" (the biggest single process)
 * and the sum of the RSS of the whole process tree sampled every 100 ms (the full build runs
 * Pagefind's binary as a child of Node, so both hold memory at once). Sizes: 1 KB = 1,000 bytes,
 * 1 MB = 10^6 bytes, 1 GiB = 2^30 bytes. Writes bench-out/results.json and bench-out/logs/.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateCorpus } from './generate-corpus.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** How many pages this site's Astro config renders at a time (read in main()); the bare baseline keeps Astro's default, 1. */
let SITE_CONCURRENCY = 1;

async function siteConcurrency(): Promise<number> {
  const config = (await import(pathToFileURL(join(ROOT, 'astro.config.mjs')).href)) as { default: { build?: { concurrency?: number } } };
  return config.default.build?.concurrency ?? 1;
}
const OUT = join(ROOT, 'bench-out');
const GNU_TIME = '/usr/bin/time';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GiB = 2 ** 30;

/** Ten typical reader queries: single words, two-word phrases, names and topics. */
const QUERIES = ['huawei', 'chip export', 'starlink', 'tiktok', 'telecom breach', 'semiconductor', 'satellite launch', 'sanctions', 'artificial intelligence', 'summit'];
/** Keystroke spacing when typing a query: a quick typist, under the search page's 120 ms debounce. */
const KEY_DELAY_MS = 100;

const TARGETS = {
  fullOverBare: 1.25,
  peakMemoryBytes: 3 * GiB,
  articleHtmlCssGzip: 14_000,
  firstSearchBytes: 250_000,
  firstResultMs: 300,
  perArticleGrowth: 1.2,
};

// ---------------------------------------------------------------- a private copy of the project

/**
 * Every build runs in a private copy of the working tree (sources, config, scripts, content; not
 * dist/, caches or .git) with a node_modules/ of symlinks to the project's packages minus their
 * caches. Astro writes <root>/.astro/.prerender/ and node_modules/.astro|.vite|.cache/, which
 * another build of the same root (a test run, an editor's build) would delete under us; the copy
 * also pins the code measured to what it was when the benchmark started, and every build is cold.
 */
let PROJECT = ROOT;
const NOT_INPUTS = /^(node_modules|\.git|\.astro|\.cache|dist|dist\..*|\.dist-.*|bench-out|.*\.log)$/;
const NESTED_NOT_INPUTS = new Set(['node_modules', '.astro', '.cache', 'dist']);
const PACKAGE_CACHES = /^\.(astro|vite|vite-temp|cache|vitest-cache)$/;

function snapshotProject(): string {
  const copy = mkdtempSync(join(tmpdir(), 'bench-project-'));
  cleanup.add(copy);
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => {
      const rel = relative(ROOT, source);
      if (rel === '') return true;
      const parts = rel.split(sep);
      return parts.length === 1 ? !NOT_INPUTS.test(parts[0]) : !parts.some((part) => NESTED_NOT_INPUTS.has(part));
    },
  });
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (!PACKAGE_CACHES.test(entry)) symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
  }
  return copy;
}

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

// ---------------------------------------------------------------- other load on the machine

/** Busy and total CPU time of the whole machine so far, in clock ticks, from /proc/stat. */
function cpuTicks(): { busy: number; total: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - fields[4], total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

const CLOCK_TICKS = 100;
const QUIET_BUSY = 0.25;
let maxWaitMs = 600_000;

/** Before each timed step: waits (up to --max-wait seconds) until other processes leave the CPUs mostly idle. */
async function waitForQuiet(label: string): Promise<{ waitedMs: number; busy: number }> {
  const started = performance.now();
  let told = false;
  for (;;) {
    const a = cpuTicks();
    await new Promise((r) => setTimeout(r, 1500));
    const b = cpuTicks();
    const busy = b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;
    const waitedMs = performance.now() - started;
    if (busy < QUIET_BUSY) {
      if (told) console.log(`    machine quiet again after ${fmtS(waitedMs)}`);
      return { waitedMs, busy };
    }
    if (waitedMs > maxWaitMs) {
      console.log(`    WARNING: still ${Math.round(busy * 100)}% busy after ${fmtS(waitedMs)}; timing ${label} anyway`);
      return { waitedMs, busy };
    }
    if (!told) console.log(`    waiting for other processes to leave the CPUs (${Math.round(busy * 100)}% busy) before ${label} …`);
    told = true;
  }
}

// ---------------------------------------------------------------- cleanup on interrupt

const cleanup = new Set<string>();
const children = new Set<ChildProcess>();

function cleanUpAndExit(signal: NodeJS.Signals): void {
  for (const child of children) {
    try {
      // Each measured command runs in a process group of its own, which this kills.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  console.error(`\nbenchmark interrupted (${signal}); removed its temporary folders`);
  process.exit(130);
}

// ---------------------------------------------------------------- arguments

interface Options {
  sizes: number[];
  seed: number;
  quick: boolean;
  hugo: boolean;
  browser: boolean;
  keep: boolean;
  profile: boolean;
  warm: boolean;
  /** Pairs of (cold full build, bare build) at the target's N, the first pair included. */
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [1000, 10000], seed: 1, quick: false, hugo: true, browser: true, keep: false, profile: false, warm: true, rounds: 5 };
  let explicitSizes = false;
  let explicitWait = false;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') options.quick = true;
    else if (flag === '--n') {
      options.sizes = value().split(',').map((s) => Number(s.replace(/[_,]/g, '')));
      explicitSizes = true;
    } else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--no-hugo') options.hugo = false;
    else if (flag === '--no-browser') options.browser = false;
    else if (flag === '--no-warm') options.warm = false;
    else if (flag === '--rounds') options.rounds = Number(value());
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--profile') options.profile = true;
    else if (flag === '--max-wait') {
      maxWaitMs = Number(value()) * 1000;
      explicitWait = true;
    }
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run bench [-- --quick] [--n 1000,10000] [--seed 1] [--no-hugo] [--no-browser] [--no-warm] [--rounds 5] [--keep] [--profile] [--max-wait 600]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (options.quick && !explicitSizes) options.sizes = [100];
  // A quick check should stay quick on a busy machine: wait at most a minute for quiet CPUs.
  if (options.quick && !explicitWait) maxWaitMs = 60_000;
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${options.rounds}`);
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--n needs positive whole numbers, got ${options.sizes.join(',')}`);
  return options;
}

// ---------------------------------------------------------------- running and measuring

interface Measured {
  ok: boolean;
  code: number | null;
  signal: string | null;
  wallMs: number;
  /** GNU time's maximum resident set size of the largest single process, bytes. */
  maxRssBytes: number | null;
  /** Largest sum of RSS over the whole process tree, sampled, bytes. */
  treePeakBytes: number;
  /** max of the two. */
  peakBytes: number;
  /** CPU seconds the command's own processes used (GNU time: user + system). */
  cpuS: number | null;
  /** Share of the machine's CPU time used by other processes while the command ran (0–1). */
  otherLoad: number | null;
  stdout: string;
  stderr: string;
  log: string;
}

const PAGE_SIZE = 4096;

/** Sum of the resident memory of pid and all its descendants, from /proc. */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      /* ended */
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

const hasGnuTime = existsSync(GNU_TIME);

function run(label: string, command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Measured> {
  mkdirSync(join(OUT, 'logs'), { recursive: true });
  const log = join(OUT, 'logs', `${label}.log`);
  const logStream = createWriteStream(log);
  logStream.write(`$ ${Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v} `).join('')}${command} ${args.join(' ')}\n`);
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${label}.txt`);
  cleanup.add(timeFile);
  const [cmd, argv] = hasGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const ticksBefore = cpuTicks();
    const selfBefore = process.cpuUsage();
    const child = spawn(cmd, argv, {
      cwd: options.cwd ?? PROJECT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      logStream.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      logStream.write(chunk);
    });
    let treePeak = 0;
    const sample = () => {
      if (child.pid) treePeak = Math.max(treePeak, treeRss(child.pid));
    };
    const sampler = setInterval(sample, 100);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      children.delete(child);
      const ticksAfter = cpuTicks();
      const self = process.cpuUsage(selfBefore);
      let cpuS: number | null = null;
      let maxRssBytes: number | null = null;
      if (hasGnuTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8');
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        if (match) maxRssBytes = Number(match[1]) * 1024;
        const exit = /Exit status: (\d+)/.exec(text);
        if (exit && code === 0) code = Number(exit[1]);
        const user = /User time \(seconds\): ([\d.]+)/.exec(text);
        const system = /System time \(seconds\): ([\d.]+)/.exec(text);
        if (user && system) cpuS = Number(user[1]) + Number(system[1]);
        logStream.write(`\n--- /usr/bin/time -v\n${text}`);
      }
      rmSync(timeFile, { force: true });
      cleanup.delete(timeFile);
      const machineBusyS = (ticksAfter.busy - ticksBefore.busy) / CLOCK_TICKS;
      const machineTotalS = (ticksAfter.total - ticksBefore.total) / CLOCK_TICKS;
      const otherLoad =
        cpuS === null || machineTotalS <= 0 ? null : Math.max(0, (machineBusyS - cpuS - (self.user + self.system) / 1e6) / machineTotalS);
      if (otherLoad !== null) logStream.write(`\n--- other processes used ${Math.round(otherLoad * 100)}% of the machine's CPU time meanwhile\n`);
      logStream.end();
      resolvePromise({
        cpuS,
        otherLoad,
        ok: code === 0,
        code,
        signal,
        wallMs,
        maxRssBytes,
        treePeakBytes: treePeak,
        peakBytes: Math.max(treePeak, maxRssBytes ?? 0),
        stdout,
        stderr,
        log,
      });
    });
  });
}

// ---------------------------------------------------------------- output folders

interface DirSize {
  bytes: number;
  files: number;
}

const FEED_FILES = new Set(['rss.xml', 'feed.json']);
/** The sitemap index and its parts beside it (src/lib/sitemap.ts), one per year of articles. */
const SITEMAP_FILE = /^sitemap(-.+)?\.xml$/;

/**
 * Bytes by top-level entry of a built site (articles/, og/, pagefind/ …), largest first. Feed
 * documents (every rss.xml and feed.json, archives included) count as one entry of their own,
 * and the two site feeds readers subscribe to are also named apart; so do the sitemap's files.
 */
function outputBreakdown(dir: string): { name: string; bytes: number; files: number }[] {
  if (!existsSync(dir)) return [];
  const sizes = new Map<string, DirSize>();
  const add = (name: string, bytes: number) => {
    const size = sizes.get(name) ?? { bytes: 0, files: 0 };
    size.bytes += bytes;
    size.files += 1;
    sizes.set(name, size);
  };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const top = relative(dir, path).split(sep)[0];
    const bytes = statSync(path).size;
    if (FEED_FILES.has(entry.name)) {
      add('feeds (every rss.xml and feed.json)', bytes);
      if (top === entry.name) add(`of which /${entry.name}`, bytes);
    } else if (top === entry.name && SITEMAP_FILE.test(entry.name)) {
      add('sitemap (sitemap.xml and its parts)', bytes);
    } else {
      add(top === entry.name ? top : `${top}/`, bytes);
    }
  }
  const parts = [...sizes].map(([name, size]) => ({ name, ...size })).sort((a, b) => b.bytes - a.bytes);
  // "of which" entries go right after the feeds they belong to.
  const within = parts.filter((part) => part.name.startsWith('of which'));
  const rest = parts.filter((part) => !within.includes(part));
  const feeds = rest.findIndex((part) => part.name.startsWith('feeds'));
  rest.splice(feeds + 1, 0, ...within);
  return rest;
}

function dirSize(dir: string): DirSize {
  let bytes = 0;
  let files = 0;
  if (!existsSync(dir)) return { bytes, files };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

// ---------------------------------------------------------------- the full build's own figures

const ANSI = /\u001b\[[0-9;]*m/g;

export function phases(stdout: string): Record<string, number | null> | null {
  const match = /^phases: (\{.*\})\s*$/m.exec(stdout.replace(ANSI, ''));
  if (!match) return null;
  try {
    return JSON.parse(match[1]) as Record<string, number | null>;
  } catch {
    return null;
  }
}

/** The image worker's milliseconds per image, from the build's "og images: … (2.0 ms/image)" line. */
export function imageRate(stdout: string): number | null {
  const match = /og images: .* rendered in \d+ ms on .*\(([\d.]+) ms\/image\)/.exec(stdout.replace(ANSI, ''));
  return match ? Number(match[1]) : null;
}

// ---------------------------------------------------------------- Hugo

function hugoVersion(): string | null {
  try {
    const text = execFileSync('hugo', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /v(\d+\.\d+\.\d+)/.exec(text)?.[1] ?? text.trim();
  } catch {
    return null;
  }
}

/**
 * A small Hugo site over the same articles, as issue 6 asks: article pages, topic taxonomy pages
 * paginated by 20, Hugo's built-in RSS and sitemap. No related-articles list: Hugo 0.111's
 * `.Related` made the build 13× slower at N = 10,000 (124 s against 9.6 s), which would measure
 * that feature rather than the generator.
 */
export function writeHugoSite(dir: string, articlesDir: string): void {
  const layouts = join(dir, 'layouts', '_default');
  mkdirSync(layouts, { recursive: true });
  writeFileSync(
    join(dir, 'hugo.toml'),
    `baseURL = "https://bench.example/"
languageCode = "en"
title = "Hugo baseline"
paginate = 20
[taxonomies]
  topic = "topics"
[module]
  [[module.mounts]]
    source = ${JSON.stringify(articlesDir)}
    target = "content/articles"
`,
  );
  writeFileSync(
    join(layouts, 'baseof.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ site.Title }}</title>
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}</head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "/topics/" | relURL }}">Topics</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
  );
  writeFileSync(
    join(layouts, 'single.html'),
    `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min read · {{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
`,
  );
  writeFileSync(
    join(layouts, 'list.html'),
    `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages.ByDate.Reverse).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time><p>{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary }}{{ end }}</p></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}
`,
  );
  writeFileSync(
    join(dir, 'layouts', 'index.html'),
    `{{ define "main" }}<h1>Latest</h1><ul>{{ range first 20 (where site.RegularPages "Section" "articles").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary }}{{ end }}</p></li>{{ end }}</ul>{{ end }}
`,
  );
}

// ---------------------------------------------------------------- page weight

interface PageWeight {
  path: string;
  html: { raw: number; gzip: number };
  css: { files: string[]; raw: number; gzip: number };
  js: { files: string[]; inlineScripts: number; raw: number; gzip: number };
  /** HTML + CSS + JS, gzip. */
  totalGzip: number;
}

function gz(data: Buffer | string): number {
  return gzipSync(data, { level: 6 }).length;
}

function assetPath(dist: string, href: string): string | null {
  if (/^[a-z]+:\/\//i.test(href) || href.startsWith('//')) return null;
  const clean = href.split(/[?#]/)[0];
  return join(dist, clean.startsWith('/') ? clean : `/${clean}`);
}

function pageWeight(dist: string, page: string): PageWeight {
  const html = readFileSync(join(dist, page));
  const text = html.toString('utf8');
  const cssFiles = new Set<string>();
  const jsFiles = new Set<string>();
  let inline = 0;
  let inlineRaw = 0;
  let inlineGzip = 0;
  for (const tag of text.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!href) continue;
    if (rel === 'stylesheet') cssFiles.add(href);
    if (rel === 'modulepreload' || (rel === 'preload' && /\bas=["']?script/i.test(tag))) jsFiles.add(href);
  }
  for (const match of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1];
    const type = /\btype=["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'module' && !type.includes('javascript')) continue; // JSON-LD and other data blocks
    const src = /\bsrc=["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src) jsFiles.add(src);
    else if (match[2].trim()) {
      inline += 1;
      inlineRaw += Buffer.byteLength(match[2]);
      inlineGzip += gz(match[2]);
    }
  }
  const sum = (hrefs: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const href of hrefs) {
      const file = assetPath(dist, href);
      if (!file || !existsSync(file)) continue;
      const data = readFileSync(file);
      raw += data.length;
      gzip += gz(data);
    }
    return { raw, gzip };
  };
  const css = sum(cssFiles);
  const js = sum(jsFiles);
  const result: PageWeight = {
    path: `/${page.replace(/index\.html$/, '')}`,
    html: { raw: html.length, gzip: gz(html) },
    css: { files: [...cssFiles], ...css },
    js: { files: [...jsFiles], inlineScripts: inline, raw: js.raw + inlineRaw, gzip: js.gzip + inlineGzip },
    totalGzip: 0,
  };
  result.totalGzip = result.html.gzip + result.css.gzip + result.js.gzip;
  return result;
}

/** Home, the median-sized article page and the first topic's first page. */
export function pageWeights(dist: string): { home: PageWeight; article: PageWeight; topic: PageWeight | null } {
  const articlesDir = join(dist, 'articles');
  const articlePages = readdirSync(articlesDir)
    .map((slug) => join('articles', slug, 'index.html'))
    .filter((page) => existsSync(join(dist, page)))
    .map((page) => ({ page, size: statSync(join(dist, page)).size }))
    .sort((a, b) => a.size - b.size || (a.page < b.page ? -1 : 1));
  const article = articlePages[Math.floor(articlePages.length / 2)].page;
  const topicsDir = join(dist, 'topics');
  let topic: string | null = null;
  if (existsSync(topicsDir)) {
    const firstTopic = readdirSync(topicsDir).filter((name) => existsSync(join(topicsDir, name, 'index.html'))).sort()[0];
    if (firstTopic) topic = join('topics', firstTopic, 'index.html');
  }
  return { home: pageWeight(dist, 'index.html'), article: pageWeight(dist, article), topic: topic ? pageWeight(dist, topic) : null };
}

// ---------------------------------------------------------------- Chromium

interface Fetched {
  url: string;
  type: string;
  body: number;
  headers: number;
  /** Wall-clock ms (epoch) when the request started and when its response ended. */
  start: number;
  end: number;
}

interface SearchRun {
  query: string;
  results: number;
  latencyMs: number;
  bytes: number;
  /** Everything but the search page's own HTML, CSS and favicon. */
  searchBytes: number;
  byKind: Record<string, number>;
  requests: number;
  /** Requests started after the last keystroke: how many, their bytes, and when the last one ended (ms after the key). */
  afterLastKey: { requests: number; bytes: number; lastEndMs: number; urls: string[] };
  failed: string[];
}

interface BrowserFigures {
  chromium: string;
  server: string;
  searches: SearchRun[];
  median: { bytes: number; searchBytes: number; latencyMs: number; byKind: Record<string, number> };
  pageLoads: Record<string, { bytes: number; jsBytes: number; jsRequests: number; requests: number; failed: string[] }>;
}

export function kindOf(url: string, type: string): string {
  const path = new URL(url).pathname;
  if (type === 'document') return 'html';
  if (/\.css$/.test(path)) return 'css';
  if (/\/pagefind\/.*\.js$/.test(path)) return 'pagefind-js';
  if (/\/pagefind\/wasm\./.test(path)) return 'wasm';
  if (/\.pf_fragment$/.test(path)) return 'fragments';
  // Ranking and sorting data for every page: fetched whole by every search.
  if (/\.pf_meta$/.test(path)) return 'metadata';
  if (/\/pagefind\//.test(path)) return 'index';
  if (/\.m?js$/.test(path) || type === 'script') return 'site-js';
  return 'other';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function chromiumVersionText(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Marks the last keydown and the frame in which the first result for the query shows (or the
 * page says nothing matches): the search page names the query its listed results answer
 * (data-query on the list), so a list left from an earlier query never counts.
 */
const TIMING_SCRIPT = `
  window.__bench = { query: '', lastKey: 0, shown: 0 };
  addEventListener('keydown', () => { window.__bench.lastKey = performance.now(); }, true);
  const check = () => {
    const b = window.__bench;
    if (!b.query || b.shown || b.pending) return;
    const list = document.querySelector('#search-results');
    if (!list || list.dataset.query !== b.query) return;
    const none = document.querySelector('#search-status')?.textContent?.startsWith('No articles match');
    if (!list.querySelector('.search-result') && !none) return;
    b.pending = true;
    requestAnimationFrame(() => { b.shown = performance.now(); });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-query'] });
`;

async function browserFigures(dist: string, articlePath: string, topicPath: string | null): Promise<BrowserFigures> {
  const { chromium } = await import('playwright-core');
  const { preview } = await import('astro');
  const server = await preview({ root: PROJECT, outDir: dist, logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  const origin = `http://127.0.0.1:${server.port}`;
  const chromiumVersion = chromiumVersionText();

  async function withContext<T>(fn: (context: import('playwright-core').BrowserContext, fetched: Promise<Fetched>[], failed: string[]) => Promise<T>): Promise<T> {
    const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const fetched: Promise<Fetched>[] = [];
    const failed: string[] = [];
    context.on('requestfinished', (request) => {
      fetched.push(
        request.sizes().then((sizes) => {
          const timing = request.timing();
          return {
            url: request.url(),
            type: request.resourceType(),
            body: sizes.responseBodySize,
            headers: sizes.responseHeadersSize,
            start: timing.startTime,
            end: timing.startTime + Math.max(0, timing.responseEnd),
          };
        }),
      );
    });
    context.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
    try {
      return await fn(context, fetched, failed);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }

  const searches: SearchRun[] = [];
  const pageLoads: BrowserFigures['pageLoads'] = {};
  try {
    for (const query of QUERIES) {
      const run = await withContext(async (context, fetched, failed) => {
        await context.addInitScript({ content: TIMING_SCRIPT });
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${origin}/search/`, { waitUntil: 'load' });
        // The reader reads the page before typing; the search script has started loading Pagefind by then.
        await page.waitForLoadState('networkidle');
        await page.evaluate((q) => {
          (window as unknown as { __bench: { query: string } }).__bench.query = q;
        }, query);
        await page.click('#search-q');
        // Keystrokes exactly KEY_DELAY_MS apart (Playwright's own delay adds its round trips to it).
        let due = performance.now();
        for (const key of query) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolveWait) => setTimeout(resolveWait, wait));
          due += KEY_DELAY_MS;
          await page.keyboard.press(key);
        }
        await page.waitForFunction(() => (window as unknown as { __bench: { shown: number } }).__bench.shown > 0, null, { timeout: 60_000 });
        const timing = await page.evaluate(() => ({ ...(window as unknown as { __bench: { lastKey: number; shown: number } }).__bench, origin: performance.timeOrigin }));
        // The rest of the first page of results, and the count the page announces once they are in.
        await page.waitForFunction((q) => document.querySelector('#search-status')?.textContent?.includes(`\u201c${q}\u201d`) ?? false, query, { timeout: 60_000 });
        const results = await page.locator('.search-result').count();
        await page.waitForLoadState('networkidle');
        const all = await Promise.all(fetched);
        const byKind: Record<string, number> = {};
        for (const f of all) byKind[kindOf(f.url, f.type)] = (byKind[kindOf(f.url, f.type)] ?? 0) + f.body;
        const bytes = all.reduce((sum, f) => sum + f.body, 0);
        const searchBytes = bytes - (byKind.html ?? 0) - (byKind.css ?? 0) - (byKind.other ?? 0);
        const keyAt = timing.origin + timing.lastKey;
        const late = all.filter((f) => f.start >= keyAt - 1);
        const afterLastKey = {
          requests: late.length,
          bytes: late.reduce((sum, f) => sum + f.body, 0),
          lastEndMs: late.length > 0 ? Math.round(Math.max(...late.map((f) => f.end)) - keyAt) : 0,
          urls: late.map((f) => `${new URL(f.url).pathname} +${Math.round(f.start - keyAt)}..${Math.round(f.end - keyAt)} ms`),
        };
        return { query, results, latencyMs: timing.shown - timing.lastKey, bytes, searchBytes, byKind, requests: all.length, afterLastKey, failed: [...failed] };
      });
      searches.push(run);
      console.log(
        `  search "${query}": ${run.results} shown, ${(run.bytes / 1000).toFixed(1)} KB fetched (${run.requests} requests), first result ${Math.round(run.latencyMs)} ms after the last key (${run.afterLastKey.requests} requests after it, the last done at +${run.afterLastKey.lastEndMs} ms)`,
      );
    }
    const pages: Record<string, string> = { home: '/', article: articlePath, ...(topicPath ? { topic: topicPath } : {}) };
    for (const [name, path] of Object.entries(pages)) {
      pageLoads[name] = await withContext(async (context, fetched, failed) => {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        await page.waitForLoadState('networkidle');
        const all = await Promise.all(fetched);
        const js = all.filter((f) => f.type === 'script' || /\.m?js$/.test(new URL(f.url).pathname));
        return { bytes: all.reduce((s, f) => s + f.body, 0), jsBytes: js.reduce((s, f) => s + f.body, 0), jsRequests: js.length, requests: all.length, failed: [...failed] };
      });
    }
  } finally {
    await server.stop();
  }
  const kinds = [...new Set(searches.flatMap((s) => Object.keys(s.byKind)))];
  return {
    chromium: chromiumVersion,
    server: 'astro preview (gzip)',
    searches,
    median: {
      bytes: median(searches.map((s) => s.bytes)),
      searchBytes: median(searches.map((s) => s.searchBytes)),
      latencyMs: median(searches.map((s) => s.latencyMs)),
      byKind: Object.fromEntries(kinds.map((k) => [k, median(searches.map((s) => s.byKind[k] ?? 0))])),
    },
    pageLoads,
  };
}

// ---------------------------------------------------------------- CPU profile summary

interface ProfileSummary {
  /** Self time by function, over every thread's profile (the main thread and worker threads run at once). */
  self: { name: string; ms: number; pct: number }[];
  byPackage: { name: string; ms: number; pct: number }[];
  threads: { file: string; ms: number }[];
  totalMs: number;
  dir: string;
}

export function summariseProfile(dir: string): ProfileSummary | null {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort() : [];
  if (files.length === 0) return null;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const threads: { file: string; ms: number }[] = [];
  let total = 0;
  for (const name of files) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    let threadTotal = 0;
    for (const [id, us] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === '(idle)') continue;
      threadTotal += us;
      const short = url.replace(/^file:\/\//, '').replace(`${PROJECT}/`, '').replace(`${ROOT}/`, '');
      const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
      fn.set(key, (fn.get(key) ?? 0) + us);
      const pkgName =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(short)?.[1] ??
        // Astro bundles the pages, components and src/lib into .prerender/ in the output folder.
        (/(^|\/)\.prerender\//.test(short) ? 'the built site (pages, components, src/lib)' : null) ??
        (short.startsWith('src/') || short.startsWith('scripts/') ? short.split('/').slice(0, 2).join('/') : short ? (short.startsWith('node:') ? 'node internals' : short) : /^\(.*\)$/.test(functionName) ? functionName : 'native calls (file system, text encoding, hashing)');
      pkg.set(pkgName, (pkg.get(pkgName) ?? 0) + us);
    }
    threads.push({ file: name, ms: Math.round(threadTotal / 1000) });
    total += threadTotal;
  }
  const top = (map: Map<string, number>, k: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }));
  return { self: top(fn, 25), byPackage: top(pkg, pkg.size), threads, totalMs: Math.round(total / 1000), dir };
}

// ---------------------------------------------------------------- formatting

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-GB');
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtMs = (ms: number) => (ms >= 100 ? `${Math.round(ms)}` : ms.toFixed(1));
const fmtGiB = (bytes: number) => `${(bytes / GiB).toFixed(2)} GiB`;
const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const fmtKB = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const fmtLoad = (f: { cpuS: number | null; otherLoad: number | null }) =>
  `${f.cpuS !== null ? `; ${f.cpuS.toFixed(1)} CPU-s` : ''}${f.otherLoad !== null ? `; other processes ${Math.round(f.otherLoad * 100)}% of the CPU` : ''}`;
const fmtBreakdown = (parts: { name: string; bytes: number; files: number }[]) =>
  parts.filter((p, i) => i < 10 || p.name.startsWith('of which')).map((p) => `${p.name} ${fmtMB(p.bytes)} (${fmtInt(p.files)})`).join(' · ');
const fmtRatio = (r: number | null) => (r === null || !Number.isFinite(r) ? 'n/a' : `${r.toFixed(2)}×`);

interface BuildFigures {
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

function figures(measured: Measured[], n: number, output: DirSize): BuildFigures {
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

interface SizeResult {
  n: number;
  corpus: { words: number; generateMs: number; vocabulary: number };
  full: BuildFigures & { phases: Record<string, number | null> | null; breakdown: { name: string; bytes: number; files: number }[] };
  /** The full build run again with the social-image cache of the first (informational; targets use the cold build). */
  fullWarm: (BuildFigures & { phases: Record<string, number | null> | null }) | null;
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

// ---------------------------------------------------------------- main

/** This site's `npm run build`; cold unless ogCache already holds the preview images. */
function fullBuild(label: string, content: string, outDir: string, ogCache: string): Promise<Measured> {
  return run(label, process.execPath, ['scripts/build.ts'], { env: { CONTENT_DIR: content, OUT_DIR: outDir, OG_IMAGE_CACHE: ogCache } });
}

/** A package's launcher in node_modules/.bin, resolved to its script so it runs under this Node. */
function binPath(name: string): string {
  return realpathSync(join(ROOT, 'node_modules', '.bin', name));
}

/** bench/bare's Astro build, then the Pagefind CLI on its output. Concurrency 1 is Astro's default. */
async function bareBuild(label: string, content: string, outDir: string, cacheDir: string, concurrency = 1): Promise<{ astro: Measured; pagefind: Measured }> {
  const astroBin = binPath('astro');
  const pagefindBin = binPath('pagefind');
  const astro = await run(`${label}-astro`, process.execPath, [astroBin, 'build', '--root', 'bench/bare'], {
    env: { CONTENT_DIR: content, BARE_OUT_DIR: outDir, BARE_CACHE_DIR: cacheDir, ...(concurrency > 1 ? { BARE_CONCURRENCY: String(concurrency) } : {}) },
  });
  const pagefind = astro.ok
    ? await run(`${label}-pagefind`, process.execPath, [pagefindBin, '--site', outDir])
    : ({ ...astro, ok: false, wallMs: 0, stdout: '', log: '' } as Measured);
  return { astro, pagefind };
}

interface Round {
  fullMs: number;
  bareMs: number;
  /** Whether the full build ran before the bare one in this pair. */
  fullFirst: boolean;
  ok: boolean;
  /** Where the cold full build's time went: its phases line, and its image worker's time per image. */
  full: { phases: Record<string, number | null> | null; msPerImage: number | null };
  /** The bare build's two steps. */
  bare: { astroMs: number; pagefindMs: number };
}

/** A round's full ÷ bare wall time. */
function pairRatio(round: Round): number {
  return round.fullMs / round.bareMs;
}

/** "52.7 s ÷ 40.6 s = 1.30×", as the rounds are printed. */
function fmtPair(round: Round): string {
  return `${fmtS(round.fullMs)} ÷ ${fmtS(round.bareMs)} = ${fmtRatio(pairRatio(round))}`;
}

/** More pairs of the cold full build and the bare build, back to back, alternating which goes first. */
async function pairedRounds(n: number, work: string, content: string, first: Round, rounds: number): Promise<Round[]> {
  const done = [first];
  for (let round = 2; round <= rounds && done.every((each) => each.ok); round += 1) {
    const fullFirst = round % 2 === 1;
    const pair: Round = { fullMs: 0, bareMs: 0, fullFirst, ok: true, full: { phases: null, msPerImage: null }, bare: { astroMs: 0, pagefindMs: 0 } };
    for (const which of fullFirst ? ['full', 'bare'] : ['bare', 'full']) {
      await waitForQuiet(`round ${round}, the ${which} build`);
      if (which === 'full') {
        const full = await fullBuild(`${n}-round${round}-full`, content, join(work, `round${round}-full`), join(work, `round${round}-og-cache`));
        pair.fullMs = full.wallMs;
        pair.full = { phases: phases(full.stdout), msPerImage: imageRate(full.stdout) };
        pair.ok &&= full.ok;
      } else {
        const bare = await bareBuild(`${n}-round${round}-bare`, content, join(work, `round${round}-bare`), join(work, `round${round}-bare-cache`));
        pair.bareMs = bare.astro.wallMs + bare.pagefind.wallMs;
        pair.bare = { astroMs: bare.astro.wallMs, pagefindMs: bare.pagefind.wallMs };
        pair.ok &&= bare.astro.ok && bare.pagefind.ok;
      }
    }
    console.log(`    round ${round} (${fullFirst ? 'full build first' : 'bare build first'}): ${pair.ok ? fmtPair(pair) : 'FAILED (see bench-out/logs)'}`);
    done.push(pair);
  }
  return done;
}

/**
 * `largest`: measure the built site for readers too. `judged`: the build-time target is judged at
 * this N, so time the paired rounds here.
 */
async function benchSize(n: number, options: Options, largest: boolean, judged: boolean, hugo: string | null): Promise<SizeResult> {
  console.log(`\n=== N = ${fmtInt(n)} ===`);
  const work = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  cleanup.add(work);
  const content = join(work, 'content');
  try {
    const genStarted = performance.now();
    const corpus = generateCorpus({ n, seed: options.seed, outDir: content, contentDir: join(PROJECT, 'content') });
    const generateMs = performance.now() - genStarted;
    const words = corpus.articles.reduce((s, a) => s + a.words, 0);
    console.log(`generated ${fmtInt(n)} articles, ${fmtInt(words)} words, in ${Math.round(generateMs)} ms → ${content}`);

    // (a) the full site
    const fullOut = join(work, 'full');
    await waitForQuiet('the full build');
    console.log('(a) full build: node scripts/build.ts …');
    // A cache of its own for the social images (the site's default is the shared node_modules/.cache), so the build is cold.
    const ogCache = join(work, 'og-cache');
    const full = await fullBuild(`${n}-full`, content, fullOut, ogCache);
    const fullFig = { ...figures([full], n, dirSize(fullOut)), phases: phases(full.stdout), breakdown: outputBreakdown(fullOut) };
    console.log(`    ${fullFig.ok ? 'ok' : `FAILED (${fullFig.error})`}: ${fmtS(full.wallMs)}, peak ${fmtGiB(fullFig.peakBytes)}, ${fmtMB(fullFig.output.bytes)} in ${fmtInt(fullFig.output.files)} files; phases ${JSON.stringify(fullFig.phases)}${fmtLoad(fullFig)}`);
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

    // (a') the same build again with the social-image cache the first one filled (Astro's caches stay
    // cold). After the bare build, so that the first pair of the paired rounds runs back to back.
    let warmFig: SizeResult['fullWarm'] = null;
    if (fullFig.ok && options.warm) {
      await waitForQuiet('the warm rebuild');
      console.log("(a') full build again, social-image cache warm …");
      const warmOut = join(work, 'full-warm');
      const warm = await fullBuild(`${n}-full-warm`, content, warmOut, ogCache);
      warmFig = { ...figures([warm], n, dirSize(warmOut)), phases: phases(warm.stdout) };
      console.log(`    ${warmFig.ok ? 'ok' : `FAILED (${warmFig.error})`}: ${fmtS(warm.wallMs)}, peak ${fmtGiB(warmFig.peakBytes)}; phases ${JSON.stringify(warmFig.phases)}${fmtLoad(warmFig)}`);
    }

    // (b') the bare site again with this site's build.concurrency, so the reader can see how much of
    // the ratio that one setting accounts for. The target's baseline stays Astro's default (b).
    let bareConcurrentFig: SizeResult['bareConcurrent'] = null;
    if (bareFig.ok && SITE_CONCURRENCY > 1) {
      const concurrentOut = join(work, 'bare-concurrent');
      await waitForQuiet('the bare build with build.concurrency');
      console.log(`(b') bare again with build.concurrency ${SITE_CONCURRENCY} …`);
      const { astro: astroRun, pagefind: pagefindRun } = await bareBuild(
        `${n}-bare-concurrent`,
        content,
        concurrentOut,
        join(work, 'bare-concurrent-cache'),
        SITE_CONCURRENCY,
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

    const firstRound: Round = {
      fullMs: fullFig.wallMs,
      bareMs: bareFig.wallMs,
      fullFirst: true,
      ok: fullFig.ok && bareFig.ok,
      full: { phases: fullFig.phases, msPerImage: imageRate(full.stdout) },
      bare: { astroMs: bareFig.astroMs, pagefindMs: bareFig.pagefindMs },
    };
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

    if (largest && fullFig.ok) {
      result.pages = pageWeights(fullOut);
      console.log(
        `page weight (gzip): home ${fmtKB(result.pages.home.totalGzip)}, article ${fmtKB(result.pages.article.totalGzip)} (${result.pages.article.path}), topic ${result.pages.topic ? fmtKB(result.pages.topic.totalGzip) : 'n/a'}`,
      );
      if (options.browser && existsSync(CHROMIUM)) {
        await waitForQuiet('the Chromium measurements');
        console.log(`Chromium: first search for ${QUERIES.length} queries, each in a fresh profile …`);
        result.browser = await browserFigures(fullOut, result.pages.article.path, result.pages.topic?.path ?? null);
      } else if (options.browser) console.log(`no Chromium at ${CHROMIUM}: skipping the search measurements`);
    }

    if (options.profile && fullFig.ok && bareFig.ok) {
      // The two Astro steps side by side, where the sites differ most. This site's runs with the
      // image cache the cold build filled, so its profile holds pages and feeds, not images.
      const profDir = join(OUT, 'profiles', String(n));
      rmSync(profDir, { recursive: true, force: true });
      await waitForQuiet('the profiled builds');
      console.log(`profiling both Astro steps with --cpu-prof (not timed; this site's with its image cache warm) → ${profDir}`);
      const site = await run(`${n}-profile-site`, process.execPath, ['--cpu-prof', '--cpu-prof-dir', join(profDir, 'site'), 'scripts/astro-build.ts', join(PROJECT, '.cache', `profile-${n}`)], {
        env: { CONTENT_DIR: content, OG_IMAGE_CACHE: ogCache },
      });
      const bare = await run(`${n}-profile-bare`, process.execPath, ['--cpu-prof', '--cpu-prof-dir', join(profDir, 'bare'), binPath('astro'), 'build', '--root', 'bench/bare'], {
        env: { CONTENT_DIR: content, BARE_OUT_DIR: join(work, 'bare-profile'), BARE_CACHE_DIR: join(work, 'bare-profile-cache') },
      });
      const siteProfile = site.ok ? summariseProfile(join(profDir, 'site')) : null;
      const bareProfile = bare.ok ? summariseProfile(join(profDir, 'bare')) : null;
      if (siteProfile && bareProfile) result.profile = { site: siteProfile, bare: bareProfile };
      else console.log('    a profiled build failed (see bench-out/logs/*-profile-*.log): no profile');
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

interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
  note?: string;
}

/** The size the targets are judged at: 10,000 when it was run, else the largest. */
function judgedSize(sizes: readonly number[]): number {
  return sizes.includes(10000) ? 10000 : Math.max(...sizes);
}

function judgedResult(results: readonly SizeResult[]): SizeResult {
  const n = judgedSize(results.map((r) => r.n));
  return results.find((r) => r.n === n) as SizeResult;
}

function evaluateTargets(results: SizeResult[], options: Options): Target[] {
  const at10k = results.find((r) => r.n === 10000) ?? null;
  const at1k = results.find((r) => r.n === 1000) ?? null;
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
  if (at10k && at1k && at10k.full.ok && at1k.full.ok) {
    const growth = at10k.full.msPerArticle / at1k.full.msPerArticle;
    targets.push({ name: 'ms per article at N = 10,000 ≤ 1.2× that at N = 1,000', measured: `${fmtMs(at10k.full.msPerArticle)} vs ${fmtMs(at1k.full.msPerArticle)} ms (${fmtRatio(growth)})`, pass: growth <= TARGETS.perArticleGrowth });
  } else {
    targets.push({ name: 'ms per article at N = 10,000 ≤ 1.2× that at N = 1,000', measured: 'n/a (needs both sizes)', pass: null, note: options.quick ? 'quick mode' : undefined });
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
 * Each round's builds split into their steps (seconds), so the reader sees which step moved: the
 * full build's Astro step (setup, content sync, render and the preview images it waits for) and its
 * Pagefind step, and the bare build's two commands.
 */
function roundsTable(r: SizeResult): string[] {
  const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : (ms / 1000).toFixed(1));
  const lines = [
    `Where the time went in each round at N = ${fmtInt(r.n)} (s; the preview images are drawn on a worker thread during the render, and "ms an image" is that worker's own figure):`,
    '',
    '| round | this site | its Astro step | of which render | its Pagefind (pages audited meanwhile) | preview images, ms an image | bare | its Astro step | its Pagefind | full ÷ bare |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  r.rounds.forEach((each, i) => {
    const p = each.full.phases;
    const astro = p ? ['setup', 'contentSync', 'render', 'images'].reduce((sum, key) => sum + (p[key] ?? 0), 0) : null;
    lines.push(
      `| ${i + 1}${each.fullFirst ? '' : ' (bare first)'} | ${s(each.fullMs)} | ${s(astro)} | ${s(p?.render)} | ${s(p?.pagefind)} (${s(p?.auditDuringPagefind)}) | ${each.full.msPerImage === null ? 'n/a' : each.full.msPerImage.toFixed(1)} | ${s(each.bareMs)} | ${s(each.bare.astroMs)} | ${s(each.bare.pagefindMs)} | ${each.ok ? fmtRatio(pairRatio(each)) : 'failed'} |`,
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

function markdown(results: SizeResult[], targets: Target[], env: Record<string, string>, command: string): string {
  const lines: string[] = [];
  lines.push(`Measured with \`${command}\` (code ${env.code}) on ${env.cpus} cores, ${env.memory}, ${env.node}, Astro ${env.astro}, Pagefind ${env.pagefind}${env.hugo ? `, Hugo ${env.hugo}` : ''}, ${env.chromium}; seed ${env.seed}.`);
  lines.push('');
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
    if (r.fullWarm) row('this site, again with its image cache warm', r.fullWarm, '', r.fullWarm.ok && r.full.ok ? fmtRatio(r.full.wallMs / r.fullWarm.wallMs) : 'n/a');
    row('bare Astro + Pagefind CLI', r.bare, ` (${(r.bare.astroMs / 1000).toFixed(1)} + ${(r.bare.pagefindMs / 1000).toFixed(1)})`, wallRatio(r.full, r.bare));
    row(
      `bare, with this site's \`build.concurrency: ${SITE_CONCURRENCY}\` (reference, not the baseline)`,
      r.bareConcurrent,
      r.bareConcurrent ? ` (${(r.bareConcurrent.astroMs / 1000).toFixed(1)} + ${(r.bareConcurrent.pagefindMs / 1000).toFixed(1)})` : '',
      wallRatio(r.full, r.bareConcurrent),
    );
    row(`Hugo ${r.hugo?.version ?? ''}`, r.hugo, '', wallRatio(r.full, r.hugo));
  }
  lines.push('');
  for (const r of results) {
    const concurrent = r.bareConcurrent ? `; against the bare site with \`build.concurrency: ${SITE_CONCURRENCY}\`, ${wallRatio(r.full, r.bareConcurrent)} and ${wallRatio(r.fullWarm, r.bareConcurrent)}` : '';
    const judged = r.rounds.length > 1 || r !== judgedResult(results) ? 'image cache cold' : "image cache cold, the target's figure";
    lines.push(`Ratios at N = ${fmtInt(r.n)}: this site ÷ bare ${wallRatio(r.full, r.bare)} (${judged}), ${wallRatio(r.fullWarm, r.bare)} (image cache warm)${concurrent}.`);
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
  lines.push(`Phases of the full build (ms). Astro renders pages and feeds together, ${SITE_CONCURRENCY} at a time (build.concurrency); "of which feed endpoints" is the time during which at least one feed endpoint was rendering, so it also holds the pages that rendered meanwhile:`);
  lines.push('');
  lines.push('| N | setup | content sync | render (pages and feeds) | of which feed endpoints | preview images (after render) | Pagefind (pages audited meanwhile) | audit of the index |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const v = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : fmtInt(x));
    const phaseRow = (label: string, p: Record<string, number | null>) =>
      lines.push(`| ${label} | ${v(p.setup)} | ${v(p.contentSync)} | ${v(p.render)} | ${v(p.feeds)} | ${v(p.images)} | ${v(p.pagefind)} (${v(p.auditDuringPagefind)}) | ${v(p.audit)} |`);
    phaseRow(fmtInt(r.n), r.full.phases ?? {});
    if (r.fullWarm?.ok) phaseRow(`${fmtInt(r.n)}, image cache warm`, r.fullWarm.phases ?? {});
  }
  for (const r of results) {
    if (r.full.ok) lines.push('', `Output of the full build at N = ${fmtInt(r.n)} by folder (MB, files): ${fmtBreakdown(r.full.breakdown)}.`);
  }
  for (const r of results) if (r.profile) lines.push('', ...profileTable(r.n, r.profile));
  const reader = [...results].reverse().find((r) => r.pages);
  if (reader?.pages) {
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
  if (reader?.browser) {
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
  lines.push('');
  lines.push('| target | measured | result |');
  lines.push('| --- | --- | --- |');
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured}${t.note ? ` (${t.note})` : ''} | ${t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL'} |`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  process.on('SIGINT', cleanUpAndExit);
  process.on('SIGTERM', cleanUpAndExit);
  const options = parseArgs(process.argv.slice(2));
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
  SITE_CONCURRENCY = await siteConcurrency();
  PROJECT = snapshotProject();
  console.log(`building from a private copy of the working tree (${env.code}): ${PROJECT}`);
  console.log(`benchmark: N = ${options.sizes.map(fmtInt).join(', ')}; ${env.cpus} cores, ${env.memory}, ${env.node}, Astro ${env.astro}, Pagefind ${env.pagefind}${hugo ? `, Hugo ${hugo}` : ''}`);
  const started = performance.now();
  const results: SizeResult[] = [];
  const largest = Math.max(...options.sizes);
  try {
    for (const n of options.sizes) {
      results.push(await benchSize(n, options, n === largest, n === judgedSize(options.sizes), hugo));
      writeFileSync(join(OUT, 'results.json'), `${JSON.stringify({ env, options, results, partial: true }, null, 2)}\n`);
    }
  } finally {
    // Every build has run (or one failed): now the temporary folders can go.
    if (options.keep) {
      console.log(`kept ${PROJECT}`);
      cleanup.delete(PROJECT);
    }
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
    cleanup.clear();
  }
  const targets = evaluateTargets(results, options);
  console.log('\nTargets (issue 6):');
  for (const t of targets) console.log(`  ${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.measured}${t.note ? ` (${t.note})` : ''}`);
  for (const r of results) {
    if (!r.profile) continue;
    console.log(`\nTop functions by self time in this site's Astro step at N = ${fmtInt(r.n)} (${r.profile.site.dir}):`);
    for (const p of r.profile.site.self) console.log(`  ${String(p.ms).padStart(7)} ms ${String(p.pct).padStart(5)}%  ${p.name}`);
  }
  const table = markdown(results, targets, env, command);
  console.log(`\n${table}\n`);
  const totalMs = performance.now() - started;
  const json = `${JSON.stringify({ env, options, command, totalMs: Math.round(totalMs), results, targets, markdown: table }, null, 2)}\n`;
  writeFileSync(join(OUT, 'results.json'), json);
  // One file per set of sizes too, so a quick run does not overwrite the last full one.
  writeFileSync(join(OUT, `results-${options.sizes.join('-')}.json`), json);
  console.log(`wrote ${join(OUT, 'results.json')} (logs in ${join(OUT, 'logs')}); benchmark took ${fmtS(totalMs)}`);
  return results.every((r) => r.full.ok && r.bare.ok && (r.hugo?.ok ?? true) && r.rounds.every((each) => each.ok)) ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
