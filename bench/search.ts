/**
 * The first search in Chromium: for each query a fresh Chromium profile opens /search/ on
 * `astro preview` (which gzips like a static host), waits for the network to go idle, types the
 * query with keystrokes 100 ms apart, and records the frame in which the first result for the
 * query shows (the first result of the search whose status names the query, or "No articles
 * match") and every response's encoded body size from the network log. Then the bytes each page
 * loads.
 * Chromium and the preview server are the tests' own (tests/helpers/browser.ts).
 */
import { execFileSync } from 'node:child_process';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM, launchChromium, startPreview } from '../tests/helpers/browser.ts';
import { state } from './context.ts';
import { median } from './format.ts';

/** Ten typical reader queries: single words, two-word phrases, names and topics. */
export const QUERIES = ['huawei', 'chip export', 'starlink', 'tiktok', 'telecom breach', 'semiconductor', 'satellite launch', 'sanctions', 'artificial intelligence', 'summit'];
/** Keystroke spacing when typing a query: a quick typist, under the search page's 120 ms debounce. */
const KEY_DELAY_MS = 100;

export { CHROMIUM };

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

export interface BrowserFigures {
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
  if (/\/pagefind\/(?:[^/]+\/)?wasm\./.test(path)) return 'wasm';
  if (/\.pf_fragment$/.test(path)) return 'fragments';
  // Ranking and sorting data for every page: fetched whole by every search.
  if (/\.pf_meta$/.test(path)) return 'metadata';
  if (/\/pagefind\//.test(path)) return 'index';
  if (/\.m?js$/.test(path) || type === 'script') return 'site-js';
  return 'other';
}

export function chromiumVersionText(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}


/**
 * Marks the last keydown and the frame in which the first result for the query showed (or the
 * page said nothing matches), from what the reader sees: each search replaces the list, so a new
 * first result is a new search's; the status names the query once its search is done, and then
 * the latest first result is the query's own, never one left from a search for a prefix.
 */
const TIMING_SCRIPT = `
  window.__bench = { query: '', lastKey: 0, shown: 0, first: null, firstAt: 0, done: false };
  addEventListener('keydown', () => { window.__bench.lastKey = performance.now(); }, true);
  const check = () => {
    const b = window.__bench;
    if (!b.query || b.done) return;
    const first = document.querySelector('#search-results .search-result');
    if (first && first !== b.first) {
      b.first = first;
      b.firstAt = 0;
      requestAnimationFrame(() => { if (b.first === first) b.firstAt = performance.now(); });
    }
    const status = document.querySelector('#search-status')?.textContent ?? '';
    if (!status.includes('\u201c' + b.query + '\u201d')) return;
    b.done = true;
    if (!first) {
      requestAnimationFrame(() => { b.shown = performance.now(); });
      return;
    }
    const settle = () => { if (b.firstAt) b.shown = b.firstAt; else requestAnimationFrame(settle); };
    settle();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** Runs fn in a Chromium with a fresh profile, recording every response's size and timing. */
async function withChromium<T>(fn: (context: BrowserContext, fetched: Promise<Fetched>[], failed: string[]) => Promise<T>): Promise<T> {
  const { context, close } = await launchChromium();
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
    await close();
  }
}

export async function browserFigures(dist: string, articlePath: string, topicPath: string | null): Promise<BrowserFigures> {
  const server = await startPreview(dist, state.project);
  const origin = server.origin;
  const chromiumVersion = chromiumVersionText();

  const searches: SearchRun[] = [];
  const pageLoads: BrowserFigures['pageLoads'] = {};
  try {
    for (const query of QUERIES) {
      const run = await withChromium(async (context, fetched, failed) => {
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
      pageLoads[name] = await withChromium(async (context, fetched, failed) => {
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

