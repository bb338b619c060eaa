/**
 * Search quality, measured with the real Pagefind runtime in Chromium: for every article,
 * its exact title must bring it up first, and five consecutive words from the middle of its
 * body must bring it into the top three. Run over the seed site and over a generated corpus
 * (200 articles, SEARCH_QUALITY_ARTICLES for another size; built into .cache/) joined by the articles of
 * tests/fixtures/search-titles/: titles with amounts, decimals, percentages, model numbers and
 * titles that begin other titles. The success rates are printed.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { htmlToText } from '../../src/lib/text.ts';
import { type SearchEngine } from '../../src/scripts/ranked-search.ts';
import { PART_FILTER, searchNewestFirst, type PartedIndex } from '../../src/scripts/part-search.ts';
import { paths, url } from '../../src/lib/urls.ts';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { readPage } from '../helpers/dist.ts';
import { buildSite } from '../helpers/run-build.ts';
import { root, siteDist } from '../helpers/paths.ts';

const run = chromiumAvailable();
/** How many generated articles join the titled ones (SEARCH_QUALITY_ARTICLES, default 200). */
const GENERATED = generatedCount(process.env.SEARCH_QUALITY_ARTICLES);
const qualityRoot = `${root}.cache/quality`;
const titledDir = `${root}tests/fixtures/search-titles`;
/** The pages of the articles whose titles hold numbers or begin other titles. */
const TITLED = readdirSync(titledDir).map((name) => url(paths.article(name.replace(/\.md$/, ''))));

function generatedCount(value: string | undefined): number {
  if (value === undefined || value === '') return 200;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`SEARCH_QUALITY_ARTICLES must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}

interface Query {
  kind: 'title' | 'body';
  query: string;
  expected: string;
}

/** Five consecutive words from the middle of the article's visible body text. */
function middleWords(text: string): string {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const start = Math.max(0, Math.floor(words.length / 2) - 2);
  return words.slice(start, start + 5).join(' ');
}

function queriesFor(contentDir: string, distDir: string): Query[] {
  return readContentArticles(contentDir)
    .filter((article) => !article.draft)
    .flatMap((article) => {
      const expected = url(paths.article(article.slug));
      const body = htmlToText(readPage(distDir, paths.article(article.slug)).querySelector('.article-body')?.innerHTML ?? '');
      return [
        { kind: 'title' as const, query: article.title, expected },
        { kind: 'body' as const, query: middleWords(body), expected },
      ];
    });
}

type Found = { url: string; meta: { title?: string } };

/**
 * Pagefind in a page of the search page's origin, loaded as the search page loads it: the
 * newest of the parts its form lists, the others merged on demand (or all at once).
 */
async function pagefindIn(session: Session, mergeAll: boolean): Promise<{ index: PartedIndex<Found>; parts: string[]; close(): Promise<void> }> {
  const page = await session.context.newPage();
  await page.goto(`${session.origin}${url(paths.search())}`);
  const parts = ((await page.getAttribute('#search-form', 'data-parts')) ?? '').split(/\s+/).filter(Boolean);
  const options = (part: string) => ({ baseUrl: url(paths.home()), mergeFilter: { [PART_FILTER]: part } });
  // A string, so Vite leaves import() alone; DevTools evaluation is not subject to the page's CSP.
  await page.evaluate(
    `import(${JSON.stringify(url(`${paths.pagefind()}${parts[0]}/pagefind.js`))}).then(async (m) => { await m.options(${JSON.stringify(options(parts[0]))}); await m.init(); window.__pagefind = m; window.__results = new Map(); })`,
  );
  const merged = new Set([parts[0]]);
  const merge = async (wanted: readonly string[]) => {
    for (const part of wanted) {
      if (merged.has(part)) continue;
      await page.evaluate(({ path, options }) => (window as unknown as { __pagefind: { mergeIndex(path: string, options: unknown): Promise<void> } }).__pagefind.mergeIndex(path, options), {
        path: url(`${paths.pagefind()}${part}/`),
        options: options(part),
      });
      merged.add(part);
    }
  };
  if (mergeAll) await merge(parts);
  // An engine whose search runs in the page; results stay there and are fetched by id (a page id
  // is unique within its part only, so they are kept by part).
  const engine: SearchEngine<Found> = {
    async search(query, options) {
      const found: { id: string; score: number }[] = await page.evaluate(
        async ({ query, options, filter }) => {
          const w = window as unknown as { __pagefind: SearchEngine; __results: Map<string, unknown> };
          const results = (await w.__pagefind.search(query, options))?.results ?? [];
          const part = options?.filters?.[filter] ?? '';
          for (const result of results) w.__results.set(`${part}/${result.id}`, result);
          return results.map((result) => ({ id: result.id, score: result.score ?? 0 }));
        },
        { query, options, filter: PART_FILTER },
      );
      const part = options?.filters?.[PART_FILTER] ?? '';
      return {
        results: found.map(({ id, score }) => ({
          id,
          score,
          data: () =>
            page.evaluate((key) => (window as unknown as { __results: Map<string, { data(): Promise<Found> }> }).__results.get(key)!.data(), `${part}/${id}`),
        })),
      };
    },
  };
  return { index: { engine, merged: () => merged, merge }, parts, close: () => page.close() };
}

/**
 * Runs every query through searchNewestFirst (src/scripts/part-search.ts), the function the
 * search page uses, with Pagefind itself running in Chromium, and returns the rank of the
 * expected page among the first three (0 = not there); and the rank in Pagefind's own order over
 * every part, for comparison.
 */
async function ranks(session: Session, queries: Query[]): Promise<{ ranked: number[]; plain: number[] }> {
  const parted = await pagefindIn(session, false);
  const whole = await pagefindIn(session, true);
  const rankOf = async (results: { data(): Promise<{ url: string }> }[], expected: string) =>
    (await Promise.all(results.slice(0, 3).map((result) => result.data()))).findIndex((data) => data.url === expected) + 1;
  const ranked: number[] = [];
  const plain: number[] = [];
  for (const q of queries) {
    const found = await searchNewestFirst(parted.index, parted.parts, q.query, {}, 10, (data) => data.meta.title);
    ranked.push(await rankOf(found.results, q.expected));
    // Pagefind's own order, for comparison: what the phrase pass adds.
    plain.push(await rankOf((await whole.index.engine.search(q.query))?.results ?? [], q.expected));
  }
  await parted.close();
  await whole.close();
  return { ranked, plain };
}

function successRates(queries: Query[], found: number[]) {
  const titles = queries.map((q, i) => ({ q, rank: found[i] })).filter((x) => x.q.kind === 'title');
  const bodies = queries.map((q, i) => ({ q, rank: found[i] })).filter((x) => x.q.kind === 'body');
  return {
    titles,
    bodies,
    titleFirst: titles.filter((x) => x.rank === 1).length / titles.length,
    bodyTop3: bodies.filter((x) => x.rank >= 1 && x.rank <= 3).length / bodies.length,
  };
}

const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;

function report(name: string, queries: Query[], found: { ranked: number[]; plain: number[] }) {
  const { titles, bodies, titleFirst, bodyTop3 } = successRates(queries, found.ranked);
  const plain = successRates(queries, found.plain);
  console.log(
    `search quality, ${name}: exact title ranked first ${percent(titleFirst)} (${titles.length} articles); ` +
      `five middle words in top 3 ${percent(bodyTop3)} (Pagefind's order alone: titles ${percent(plain.titleFirst)}, five words ${percent(plain.bodyTop3)})`,
  );
  const misses = [...titles.filter((x) => x.rank !== 1), ...bodies.filter((x) => x.rank < 1 || x.rank > 3)].slice(0, 5);
  for (const miss of misses) console.log(`  miss (${miss.q.kind}, rank ${miss.rank || '>3'}): "${miss.q.query}" → ${miss.q.expected}`);
  return { titleFirst, bodyTop3 };
}

describe.runIf(run)('search quality', () => {
  it('finds every seed article by its title first and by five body words in the top three', async () => {
    const session = await openSite(siteDist);
    try {
      const queries = queriesFor(`${root}content`, siteDist);
      const rates = report('seed', queries, await ranks(session, queries));
      expect(rates.titleFirst).toBe(1);
      expect(rates.bodyTop3).toBe(1);
    } finally {
      await session.close();
    }
  });

  describe(`a generated corpus of ${GENERATED} articles`, () => {
    const contentDir = `${qualityRoot}/content`;
    const distDir = `${qualityRoot}/dist`;
    beforeAll(async () => {
      rmSync(qualityRoot, { recursive: true, force: true });
      generateCorpus({ n: GENERATED, seed: 'search-quality', outDir: contentDir });
      cpSync(titledDir, `${contentDir}/articles`, { recursive: true });
      await buildSite(contentDir, distDir);
    }, 600_000);
    afterAll(() => rmSync(qualityRoot, { recursive: true, force: true }));

    it('ranks titles first and body phrases in the top three for nearly every article', async () => {
      const session = await openSite(distDir);
      try {
        const queries = queriesFor(contentDir, distDir);
        expect(queries.length).toBe(2 * (GENERATED + TITLED.length));
        const found = await ranks(session, queries);
        const rates = report(`${GENERATED} generated and ${TITLED.length} with numbers`, queries, found);
        expect(rates.titleFirst).toBeGreaterThanOrEqual(0.98);
        expect(rates.bodyTop3).toBeGreaterThanOrEqual(0.95);
        // The phrase pass only ever helps: no worse than Pagefind's own order on either kind.
        const plain = successRates(queries, found.plain);
        expect(rates.titleFirst).toBeGreaterThanOrEqual(plain.titleFirst);
        expect(rates.bodyTop3).toBeGreaterThanOrEqual(plain.bodyTop3);
        // Every title with an amount, a model number or another title inside it finds its own article first.
        const titled = queries.map((q, i) => ({ q, rank: found.ranked[i] })).filter((x) => x.q.kind === 'title' && TITLED.includes(x.q.expected));
        expect(titled.length).toBe(TITLED.length);
        const missed = titled.filter((x) => x.rank !== 1).map((x) => `"${x.q.query}" (rank ${x.rank || '>3'})`);
        console.log(`search quality, titles with numbers and prefixes: ${titled.length - missed.length} of ${titled.length} ranked first`);
        expect(missed).toEqual([]);
      } finally {
        await session.close();
      }
    }, 600_000);

    it('shows the recent matches first and every older one with "Show more results", each once', async () => {
      // A word in about half of the generated articles: more than a page of matches in the newest year.
      const query = 'government';
      const session = await openSite(distDir);
      try {
        const whole = await pagefindIn(session, true);
        const total = ((await whole.index.engine.search(query))?.results ?? []).length;
        await whole.close();
        const page = await session.context.newPage();
        await page.goto(`${session.origin}${url(paths.search(query))}`);
        const status = page.locator('#search-status');
        await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain(`“${query}”`);
        expect(await status.textContent()).toMatch(new RegExp(`^\\d+ recent articles match “${query}”; older ones follow\\.$`));
        expect(await page.locator('.search-result').count()).toBe(10);
        for (let clicks = 0; clicks < total && (await page.isVisible('#search-more')); clicks += 1) {
          const shown = await page.locator('.search-result').count();
          await page.click('#search-more');
          await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n || document.querySelector<HTMLElement>('#search-more')!.hidden, shown);
          await page.waitForFunction(() => !document.querySelector('#search-results')!.hasAttribute('aria-busy'));
        }
        const urls = await page.$$eval('.search-result h2 a', (links) => links.map((link) => link.getAttribute('href')));
        expect(urls.length).toBe(total);
        expect(new Set(urls).size).toBe(total);
        expect(await status.textContent()).toBe(`${total} articles match “${query}”.`);
      } finally {
        await session.close();
      }
    }, 300_000);
  });
});
