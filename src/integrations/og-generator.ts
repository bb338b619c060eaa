/**
 * Renders the preview images a build needs into the cache (src/integrations/og-cache.ts), on
 * worker threads (src/integrations/og-worker.ts): one per core but the one Astro renders pages
 * on, at least one; OG_IMAGE_WORKERS overrides; 0 renders in-process. Images already in the cache
 * are only listed, never rendered again.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ogCacheKey, type OgImageInput } from '../lib/og-layout.ts';
import type { OgImageList } from './og-articles.ts';
import { defaultCacheDir, pruneCache, rendererFingerprint, writeAtomically } from './og-cache.ts';
import { loadFonts } from './og-fonts.ts';
import { createRenderer, WORKER_MARK, type ReadReply, type Render, type RenderJob, type RenderReply, type WorkerData } from './og-worker.ts';

/** The worker threads' entry point, beside this file. */
export const WORKER_ENTRY = fileURLToPath(new URL('./og-worker.ts', import.meta.url));

export interface OgImageGeneratorOptions {
  /** Where rendered images are kept between builds. Default: node_modules/.cache/og-images. */
  cacheDir?: string;
  /** Worker threads to render on; 0 renders on this thread. Default: OG_IMAGE_WORKERS, else one per core but one. */
  workers?: number;
  /** The worker threads' entry point (og-worker.ts); default: the one beside this file. */
  workerEntry?: string;
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

/** The build log's line about the images: how many came from the cache, and what rendering the others took. */
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

function workerCount(requested: number | undefined): number {
  const fromEnv = process.env.OG_IMAGE_WORKERS;
  // Astro renders the pages on the main thread meanwhile: leave it a core of its own.
  const fallback = Math.max(1, availableParallelism() - 1);
  const count = requested ?? (fromEnv ? Number(fromEnv) : fallback);
  return Number.isFinite(count) ? Math.max(0, Math.floor(count)) : fallback;
}

interface Task {
  key: string;
  job: RenderJob;
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
  const fingerprint = rendererFingerprint(loadFonts());
  const listing = readdirSync(cacheDir);
  const cached = new Set(listing.filter((name) => name.endsWith('.png')));
  const entry = options.workerEntry ?? WORKER_ENTRY;
  const maxWorkers = workerCount(options.workers);

  /** Renders asked for, by key: each image is rendered once however often it is asked for. */
  const renders = new Map<string, Promise<string>>();
  const inFlight = new Map<number, Task>();
  const pool: PoolWorker[] = [];
  const stats: OgImageStats = { fromCache: 0, rendered: 0, workers: 0, renderMs: 0 };
  let outstanding = 0;
  let started = 0;
  let nextId = 0;
  const idleWaiters: (() => void)[] = [];
  let inProcess: Render | undefined;
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
    const member: PoolWorker = { worker: new Worker(entry, { workerData: { mark: WORKER_MARK, role: 'render' } satisfies WorkerData }), busy: 0, stopping: false };
    member.worker.on('message', (reply: RenderReply) => {
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
   * Hands a job to a worker at once, the one with the fewest: a worker that asked for its next
   * job would wait for the main thread, which is busy rendering pages.
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
    const result = chain.then(() => {
      inProcess ??= createRenderer();
      const file = fileFor(key);
      writeAtomically(file, inProcess(input));
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

/**
 * The build's images as listed by content/ (src/integrations/og-articles.ts), read on a worker
 * thread so the main thread goes on with Astro's work meanwhile.
 */
export function readOgImageJobsOffThread(contentDir: string, workerEntry = WORKER_ENTRY): Promise<OgImageList> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry, { workerData: { mark: WORKER_MARK, role: 'read', contentDir } satisfies WorkerData });
    let settled = false;
    worker.once('message', (reply: ReadReply) => {
      settled = true;
      if ('error' in reply) reject(new Error(`og images: reading ${contentDir} failed: ${reply.error}`));
      else resolve(reply.list);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new Error(`og images: reading ${contentDir} failed: ${error.stack ?? error}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`og images: the worker reading ${contentDir} stopped with exit code ${code}`));
    });
  });
}
