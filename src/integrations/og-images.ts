/**
 * Renders the social preview images, caches them between builds and writes them to dist/og/
 * at the end of the build.
 *
 * - Rendering: src/lib/og-render.ts draws the layout from src/lib/og-image.ts with the Inter font
 *   from node_modules (no network): fontkit sets the text, resvg rasterises each glyph once, and
 *   the image is written as a palette PNG (about 20 KB) in about 2 ms of CPU.
 * - Cache: node_modules/.cache/og-images/<key>.png, where the key hashes the image's text, the
 *   template version, the font bytes and the library versions (OG_IMAGE_CACHE overrides the
 *   folder). A warm build only reads the cached files; nothing is rendered. Once a day a build
 *   deletes the images it does not use that are more than 30 days old.
 * - Speed: the article route's getStaticPaths hands every article to queueOgImages(), which
 *   renders the missing images on worker threads (one per core but the one Astro renders pages
 *   on, at least one; OG_IMAGE_WORKERS overrides; 0 renders in-process) while Astro renders the
 *   pages; the build:done hook then hard-links (or copies) each image from the cache into dist/og/.
 *
 * This file is also the workers' entry point: Astro bundles it into the build, so the workers
 * load this source file itself (Node runs TypeScript directly) from the project folder.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ogCacheKey, ogFontFiles, OG_FONT, ogImageLayout, type OgImageInput } from '../lib/og-image.ts';
import { createOgRenderer } from '../lib/og-render.ts';

const require = createRequire(import.meta.url);
const WORKER_MARK = 'og-image-worker';
const SOURCE_PATH = 'src/integrations/og-images.ts';

interface Font {
  name: string;
  data: Buffer;
  weight: 500 | 700;
}

/** The preview images' font files, read from node_modules (also used by scripts/og-bench.ts). */
export function loadFonts(): Font[] {
  return ogFontFiles().map(({ name, file, weight }) => ({
    name,
    data: readFileSync(require.resolve(`${OG_FONT.package}/${file}`)),
    weight,
  }));
}

/** The folder a package is installed in (some packages do not export their package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`og images: cannot find the folder of ${name}`);
    dir = parent;
  }
  return dir;
}

function packageVersion(name: string): string {
  return String((JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version?: string }).version);
}

/** What besides an image's text decides its pixels: the font bytes and the renderer versions. */
export function rendererFingerprint(fonts: readonly Font[] = loadFonts()): string {
  const hash = createHash('sha256');
  for (const font of fonts) hash.update(`${font.name}:${font.weight}:`).update(font.data);
  return `${hash.digest('hex').slice(0, 16)};fontkit@${packageVersion('fontkit')};resvg@${packageVersion('@resvg/resvg-js')}`;
}

type Render = (input: OgImageInput) => Promise<Buffer>;

/** A renderer for this thread: loads the fonts once and keeps its glyphs between images. */
export async function createRenderer(): Promise<Render> {
  const renderer = createOgRenderer(loadFonts());
  return async (input) => renderer.png(ogImageLayout(input));
}

/** Writes through a temporary file and a rename, so no build ever reads half an image. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

// ---------------------------------------------------------------------------------------------
// Worker side

interface Job {
  id: number;
  input: OgImageInput;
  file: string;
}

type Reply = { id: number; error?: string };

if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === WORKER_MARK) {
  const port = parentPort;
  const renderer = createRenderer();
  port.on('message', async (job: Job) => {
    const reply: Reply = { id: job.id };
    try {
      writeAtomically(job.file, await (await renderer)(job.input));
    } catch (error) {
      reply.error = (error as Error).stack ?? String(error);
    }
    port.postMessage(reply);
  });
}

// ---------------------------------------------------------------------------------------------
// Main thread: cache and worker pool

export interface OgImageGeneratorOptions {
  /** Where rendered images are kept between builds. Default: node_modules/.cache/og-images. */
  cacheDir?: string;
  /** Worker threads to render on; 0 renders on this thread. Default: OG_IMAGE_WORKERS, else one per core but one. */
  workers?: number;
  /** Receives one line from prefetch(): how many images are cached and how many will be rendered. */
  log?: (message: string) => void;
}

export interface OgImageStats {
  /** Images found in the cache. */
  fromCache: number;
  /** Images rendered. */
  rendered: number;
  /** Most worker threads running at once (0: rendered on the main thread). */
  workers: number;
  /** Wall time spent with renders outstanding. */
  renderMs: number;
}

/** The build log's line about the images; `npm run bench` reads the time per image from it. */
export function statsSummary(stats: OgImageStats): string {
  const threads = stats.workers === 0 ? 'the main thread' : `${stats.workers} worker thread${stats.workers === 1 ? '' : 's'}`;
  const rate = stats.rendered > 0 ? ` (${(stats.renderMs / stats.rendered).toFixed(1)} ms/image)` : '';
  return `og images: ${stats.fromCache} from the cache, ${stats.rendered} rendered in ${Math.round(stats.renderMs)} ms on ${threads}${rate}`;
}

export interface OgImageGenerator {
  /** Starts rendering every image of `inputs` that is not cached yet. */
  prefetch(inputs: readonly OgImageInput[]): void;
  /** The path of the image's PNG in the cache, rendered first if it was not there. */
  file(input: OgImageInput): Promise<string>;
  /** The image's PNG bytes. */
  png(input: OgImageInput): Promise<Buffer<ArrayBuffer>>;
  stats(): OgImageStats;
  /** One line: how many images came from the cache and how long rendering the others took. */
  summary(): string;
  /** Resolves once nothing is being rendered. */
  idle(): Promise<void>;
  /** Stops the workers (they also stop by themselves once idle); images still rendering fail. */
  close(): Promise<void>;
}

function defaultCacheDir(): string {
  if (process.env.OG_IMAGE_CACHE) return process.env.OG_IMAGE_CACHE;
  // The node_modules folder the libraries were installed in: the project's.
  const modules = dirname(packageDir('fontkit'));
  return join(modules, '.cache', 'og-images');
}

/** This file as Node can run it in a worker: itself when not bundled, else the project's copy. */
function workerEntry(): string | null {
  const own = fileURLToPath(import.meta.url);
  if (own.replaceAll('\\', '/').endsWith(SOURCE_PATH)) return own;
  const candidate = join(process.cwd(), SOURCE_PATH);
  return existsSync(candidate) ? candidate : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_MARK = '.last-prune';

/**
 * Deletes cached images this build does not use and nobody has written for 30 days, and temporary
 * files left by a crash, at most once a day. A build that had listed a deleted image renders it
 * again (see png()), so pruning while another build runs is safe.
 */
export function pruneCache(cacheDir: string, names: Iterable<string>, used: ReadonlySet<string>, now = Date.now()): string[] {
  const mark = join(cacheDir, PRUNE_MARK);
  try {
    if (now - statSync(mark).mtimeMs < DAY_MS) return [];
  } catch {
    // Never pruned.
  }
  writeFileSync(mark, '');
  const removed: string[] = [];
  for (const name of names) {
    if (used.has(name) || name.startsWith('.')) continue;
    const file = join(cacheDir, name);
    try {
      const age = now - statSync(file).mtimeMs;
      if (age > 30 * DAY_MS || (name.endsWith('.tmp') && age > DAY_MS)) {
        rmSync(file, { force: true });
        removed.push(name);
      }
    } catch {
      // Gone already.
    }
  }
  return removed;
}

function workerCount(requested: number | undefined): number {
  const fromEnv = process.env.OG_IMAGE_WORKERS;
  // Astro renders the pages on the main thread meanwhile: leave it a core of its own.
  const fallback = Math.max(1, availableParallelism() - 1);
  const count = requested ?? (fromEnv ? Number(fromEnv) : fallback);
  return Number.isFinite(count) ? Math.max(0, Math.floor(count)) : fallback;
}

interface Task {
  key: string;
  job: Job;
  resolve: (file: string) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: number;
  stopping: boolean;
}

export function createOgImageGenerator(options: OgImageGeneratorOptions = {}): OgImageGenerator {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  mkdirSync(cacheDir, { recursive: true });
  const fingerprint = rendererFingerprint();
  const listing = readdirSync(cacheDir);
  const cached = new Set(listing.filter((name) => name.endsWith('.png')));
  const entry = workerEntry();
  const maxWorkers = entry ? workerCount(options.workers) : 0;

  /** Renders asked for, by key: each image is rendered once however often it is asked for. */
  const renders = new Map<string, Promise<string>>();
  const inFlight = new Map<number, Task>();
  const pool: PoolWorker[] = [];
  const stats: OgImageStats = { fromCache: 0, rendered: 0, workers: 0, renderMs: 0 };
  let outstanding = 0;
  let started = 0;
  let nextId = 0;
  const idleWaiters: (() => void)[] = [];
  let inProcess: Promise<Render> | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  const fileFor = (key: string) => join(cacheDir, `${key}.png`);

  const summary = () => statsSummary(stats);

  /** Called once per finished render, successful or not. */
  function settle(key: string, ok: boolean): void {
    outstanding -= 1;
    if (ok) {
      cached.add(`${key}.png`);
      stats.rendered += 1;
    }
    if (outstanding > 0) return;
    stats.renderMs += performance.now() - started;
    void stopWorkers();
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function failAll(error: Error): void {
    const tasks = [...inFlight.values()];
    inFlight.clear();
    for (const task of tasks) {
      task.reject(error);
      settle(task.key, false);
    }
  }

  function spawn(): void {
    const member: PoolWorker = { worker: new Worker(entry as string, { workerData: { mark: WORKER_MARK } }), busy: 0, stopping: false };
    member.worker.on('message', (reply: Reply) => {
      const task = inFlight.get(reply.id);
      if (!task) return;
      inFlight.delete(reply.id);
      member.busy -= 1;
      if (reply.error) task.reject(new Error(`og image ${task.job.file}: ${reply.error}`));
      else task.resolve(task.job.file);
      settle(task.key, !reply.error);
    });
    member.worker.on('error', (error) => failAll(new Error(`og image worker failed: ${error.stack ?? error}`)));
    member.worker.on('exit', (code) => {
      const index = pool.indexOf(member);
      if (index >= 0) pool.splice(index, 1);
      if (!member.stopping) failAll(new Error(`og image worker stopped with exit code ${code} before its images were rendered`));
    });
    pool.push(member);
    stats.workers = Math.max(stats.workers, pool.length);
  }

  async function stopWorkers(): Promise<void> {
    await Promise.all(
      pool.splice(0).map((member) => {
        member.stopping = true;
        return member.worker.terminate();
      }),
    );
  }

  /**
   * Hands a job to a worker at once, the one with the fewest. Workers used to hold four jobs
   * and ask for more as each finished; the main thread, busy rendering pages, answered late, and
   * on 10,000 articles the images then ended 2–3 s after the pages instead of with them.
   */
  function dispatch(task: Task): void {
    // A worker takes ~0.3 s to start and load the fonts: one more only pays for ~100 images.
    const wanted = Math.min(maxWorkers, Math.ceil(outstanding / 100));
    while (pool.length < wanted) spawn();
    const member = pool.reduce((least, each) => (each.busy < least.busy ? each : least));
    member.busy += 1;
    inFlight.set(task.job.id, task);
    member.worker.postMessage(task.job);
  }

  function renderHere(key: string, input: OgImageInput): Promise<string> {
    inProcess ??= createRenderer();
    const result = chain.then(async () => {
      const file = fileFor(key);
      writeAtomically(file, await (await (inProcess as Promise<Render>))(input));
      return file;
    });
    chain = result.catch(() => undefined);
    void result.then(() => settle(key, true), () => settle(key, false));
    return result;
  }

  function render(key: string, input: OgImageInput): Promise<string> {
    let promise = renders.get(key);
    if (promise) return promise;
    if (outstanding === 0) started = performance.now();
    outstanding += 1;
    if (maxWorkers > 0) {
      const { promise: rendered, resolve, reject } = Promise.withResolvers<string>();
      promise = rendered;
      try {
        dispatch({ key, job: { id: nextId++, input, file: fileFor(key) }, resolve, reject });
      } catch (error) {
        reject(new Error(`og image worker could not start: ${(error as Error).message}`));
        settle(key, false);
      }
    } else {
      promise = renderHere(key, input);
    }
    // A failed render is reported to the page that awaits it; this only keeps it from being "unhandled".
    promise.catch(() => undefined);
    renders.set(key, promise);
    return promise;
  }

  async function file(input: OgImageInput): Promise<string> {
    const key = ogCacheKey(input, fingerprint);
    return renders.get(key) ?? (cached.has(`${key}.png`) ? fileFor(key) : render(key, input));
  }

  return {
    prefetch(inputs) {
      let misses = 0;
      const used = new Set<string>();
      for (const input of inputs) {
        const key = ogCacheKey(input, fingerprint);
        used.add(`${key}.png`);
        if (renders.has(key)) continue;
        if (cached.has(`${key}.png`)) stats.fromCache += 1;
        else {
          render(key, input);
          misses += 1;
        }
      }
      for (const name of pruneCache(cacheDir, listing, used)) cached.delete(name);
      options.log?.(`og images: ${inputs.length - misses} of ${inputs.length} in the cache${misses > 0 ? `, rendering ${misses} on ${maxWorkers > 0 ? `up to ${Math.min(maxWorkers, Math.ceil(misses / 100))} worker thread(s)` : 'the main thread'}` : ''}`);
    },
    file,
    async png(input) {
      try {
        return readFileSync(await file(input));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        // Removed from the cache since this build listed it (someone cleared the cache): render it again.
        const key = ogCacheKey(input, fingerprint);
        cached.delete(`${key}.png`);
        renders.delete(key);
        return readFileSync(await render(key, input));
      }
    },
    stats: () => ({ ...stats }),
    summary,
    idle: () => (outstanding === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async close() {
      failAll(new Error('og images: the generator was closed before these images were rendered'));
      await stopWorkers();
    },
  };
}

interface SharedState {
  /** Set by the integration for `astro build`; the dev server makes no images. */
  building?: boolean;
  generator?: OgImageGenerator;
  /** The images this build's pages link to, registered when the article routes are listed. */
  wanted?: { slug: string; input: OgImageInput }[];
}

/**
 * State shared through globalThis: the article routes (in Astro's page bundle) and the
 * build:done hook (loaded with astro.config.mjs) import this file as two separate modules.
 */
function state(): SharedState {
  const store = globalThis as unknown as { __newsroomOgImages?: SharedState };
  store.__newsroomOgImages ??= {};
  return store.__newsroomOgImages;
}

/**
 * The generator shared by every page of one build. It logs its plan when the pages are listed;
 * the build:done hook logs what it did.
 */
export function ogImages(): OgImageGenerator {
  const shared = state();
  if (!shared.generator) {
    shared.generator = createOgImageGenerator({ log: (message) => console.log(message) });
  }
  return shared.generator;
}

/**
 * Called while Astro lists the article routes: starts rendering the missing images on the
 * worker threads, so they render while the pages are built, and remembers which to write.
 */
export function queueOgImages(images: { slug: string; input: OgImageInput }[]): void {
  if (!state().building) return;
  state().wanted = images;
  ogImages().prefetch(images.map((image) => image.input));
}

/**
 * Puts a cached image into the output: a hard link where the file system allows (no bytes
 * copied; the cache replaces files by renaming, never rewrites them in place, so the link keeps
 * its image), else a copy.
 */
function publish(cached: string, target: string): void {
  try {
    linkSync(cached, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') rmSync(target);
    copyFileSync(cached, target);
  }
}

/**
 * Writes dist/og/<slug>.png for every queued image once the pages are built. Images are linked
 * from the cache rather than served by an Astro route: a route costs about a millisecond of
 * Astro's per-page work for each image, some 10 s on a 10,000-article archive.
 */
export default function ogImagesIntegration(): AstroIntegration {
  return {
    name: 'og-images',
    hooks: {
      'astro:config:setup': ({ command }) => {
        state().building = command === 'build';
      },
      'astro:build:done': async ({ dir, logger }) => {
        const wanted = state().wanted ?? [];
        const outDir = join(fileURLToPath(dir), 'og');
        mkdirSync(outDir, { recursive: true });
        const started = performance.now();
        const generator = ogImages();
        await Promise.all(
          wanted.map(async ({ slug, input }) => publish(await generator.file(input), join(outDir, `${slug}.png`))),
        );
        await generator.close();
        logger.info(`wrote ${wanted.length} preview images in ${Math.round(performance.now() - started)} ms; ${generator.summary()}`);
      },
    },
  };
}
