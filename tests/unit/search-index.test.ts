import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articlePage, buildSearchIndex, indexedPageCount, isRuntimeFile, partKey, planParts, searchedHtml, type PartInput } from '../../scripts/lib/search-index.ts';
import { readPagefindPages } from '../../scripts/lib/pagefind-index.ts';
import { searchParts, type PartArticle } from '../../src/lib/search-parts.ts';

describe('indexedPageCount', () => {
  it("reads the page count from Pagefind's summary", () => {
    const output = 'Total: \n  Indexed 1 language\n  Indexed 10000 pages\n  Indexed 767 words\n  Indexed 5 filters\n';
    expect(indexedPageCount(output)).toBe(10000);
    expect(indexedPageCount('  Indexed 1 page\n')).toBe(1);
    expect(indexedPageCount('  Indexed 0 pages\n')).toBe(0);
  });
  it('returns null when the summary is missing', () => {
    expect(indexedPageCount('Error: could not read the site\n')).toBeNull();
    expect(indexedPageCount('  Indexed 1 language\n')).toBeNull();
  });
});

describe('partKey and planParts: which parts the cache serves', () => {
  const tool = { version: '1.6.0', args: ['--force-language', 'en'] };
  const part: PartInput = { id: '2024', pages: [{ slug: 'a', hash: 'h1' }, { slug: 'b', hash: 'h2' }] };
  const key = partKey(part, tool);

  it('keeps the key while the pages and the tool are the same', () => {
    expect(partKey({ id: '2024', pages: part.pages.map((page) => ({ ...page })) }, tool)).toBe(key);
  });
  it('changes the key when a page is edited, added, removed or missing, or the tool changes', () => {
    const variants: [PartInput, typeof tool][] = [
      [{ ...part, pages: [part.pages[0], { slug: 'b', hash: 'h3' }] }, tool],
      [{ ...part, pages: [...part.pages, { slug: 'c', hash: 'h4' }] }, tool],
      [{ ...part, pages: [part.pages[0]] }, tool],
      [{ ...part, pages: [part.pages[0], { slug: 'b', hash: null }] }, tool],
      [{ ...part, pages: [{ slug: 'ab', hash: 'h1' }, { slug: 'b', hash: 'h2' }] }, tool],
      [{ ...part, id: '2023' }, tool],
      [part, { ...tool, version: '1.6.1' }],
      [part, { ...tool, args: ['--force-language', 'fr'] }],
    ];
    const keys = variants.map(([input, each]) => partKey(input, each));
    expect(keys).not.toContain(key);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('reuses the parts whose key is cached and indexes the others', () => {
    const parts = [{ id: '2024', key: 'k1' }, { id: '2023', key: 'k2' }, { id: '2022', key: 'k3' }];
    expect(planParts(parts, new Set(['k2', 'old']))).toEqual({ reuse: [parts[1]], index: [parts[0], parts[2]] });
  });
  it("keeps Pagefind's runtime and index files and leaves out its UI bundle", () => {
    expect(['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', 'wasm.en.pagefind', 'pagefind.en_1a2b3c.pf_meta'].every(isRuntimeFile)).toBe(true);
    expect(['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-component-ui.js', 'pagefind-highlight.js', 'pagefind-modular-ui.css'].some(isRuntimeFile)).toBe(false);
  });
});

describe('searchedHtml: what Pagefind reads of a page', () => {
  const head = '<!doctype html><html lang="en"><head><title>Chip rules</title></head><body><main>';
  const article = '<article class="article" data-pagefind-body><h1>Chip rules</h1><div><article><p>Quoted notice</p></article></div><p>Export rules eased.</p></article>';
  const tail = (related: string) => `<aside class="related"><h2>Related articles</h2><ul><li><a href="/articles/x/">${related}</a></li></ul></aside></main><footer><p>Site</p></footer></body></html>`;

  it('ends at the close of the searched element, nested elements of the same name included', () => {
    expect(searchedHtml(head + article + tail('Satellite deal'))).toBe(head + article);
  });

  it('is the same when only what follows the searched element changes, and differs when its content does', () => {
    expect(searchedHtml(head + article + tail('Fibre plan'))).toBe(searchedHtml(head + article + tail('Satellite deal')));
    expect(searchedHtml(head + article.replace('eased', 'tightened') + tail('Fibre plan'))).not.toBe(searchedHtml(head + article + tail('Fibre plan')));
    expect(searchedHtml(head.replace('Chip rules', 'Chip rules eased') + article + tail('Fibre plan'))).not.toBe(searchedHtml(head + article + tail('Fibre plan')));
  });

  it('keeps the whole page when the rest holds something Pagefind could read, or the page has another shape', () => {
    for (const page of [
      head + article + tail('<span data-pagefind-filter="topic">Chips</span>'),
      head + article + tail('<img src="/logo.png" alt="">'),
      head + article + tail('<h1>Another heading</h1>'),
      head + '<main><p>No searched element</p></main></body></html>',
      head + article + article + tail('Satellite deal'),
      head + article.replace(/<\/article>$/, '') + tail('Unclosed'),
    ]) {
      expect(searchedHtml(page)).toBe(page);
    }
  });
});

describe('buildSearchIndex on a small site', () => {
  const root = mkdtempSync(join(tmpdir(), 'search-index-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const articles: PartArticle[] = [
    { slug: 'tariff-talks', date: '2024-03-01' },
    { slug: 'chip-rules', date: '2024-06-02' },
    { slug: 'satellite-deal', date: '2023-05-03' },
    { slug: 'fibre-plan', date: '2022-01-04' },
  ];
  function writeSite(dir: string, list: PartArticle[], edits: Record<string, string> = {}): void {
    rmSync(dir, { recursive: true, force: true });
    for (const article of list) {
      const file = join(dir, articlePage(article.slug));
      mkdirSync(dirname(file), { recursive: true });
      const words = edits[article.slug] ?? `${article.slug.replace('-', ' ')} story`;
      writeFileSync(
        file,
        `<!doctype html><html lang="en"><head><title>${article.slug}</title></head><body><article data-pagefind-body><h1>${words}</h1><p data-pagefind-filter="year">${article.date.slice(0, 4)}</p></article></body></html>`,
      );
    }
  }
  function files(dir: string): Map<string, string> {
    const bundle = join(dir, 'pagefind');
    return new Map(
      readdirSync(bundle, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const path = join(entry.parentPath, entry.name);
          return [relative(bundle, path), readFileSync(path).toString('base64')];
        }),
    );
  }
  const cache = join(root, 'cache');

  it('writes one part per year holding each article once, and reuses unchanged parts byte for byte', { timeout: 60_000 }, async () => {
    const site = join(root, 'site');
    writeSite(site, articles);
    const first = await buildSearchIndex(site, searchParts(articles), cache);
    expect(first).toEqual({ pages: 4, indexed: ['2024', '2023', '2022'], reused: [] });
    const pages = readPagefindPages(site);
    expect(pages.map((page) => `${page.part} ${page.url}`).sort()).toEqual(['2022 /articles/fibre-plan/', '2023 /articles/satellite-deal/', '2024 /articles/chip-rules/', '2024 /articles/tariff-talks/']);
    expect(readdirSync(join(site, 'pagefind', '2024')).some((name) => /ui/.test(name))).toBe(false);

    // One article edited and one added: only their parts are indexed again.
    const changed = [...articles, { slug: 'new-probe', date: '2022-08-05' }];
    writeSite(site, changed, { 'chip-rules': 'chip rules eased' });
    const second = await buildSearchIndex(site, searchParts(changed), cache);
    expect(second).toEqual({ pages: 5, indexed: ['2024', '2022'], reused: ['2023'] });

    // The same as a build from an empty cache.
    const clean = join(root, 'clean');
    writeSite(clean, changed, { 'chip-rules': 'chip rules eased' });
    await buildSearchIndex(clean, searchParts(changed), join(root, 'clean-cache'));
    expect(files(site)).toEqual(files(clean));
    // Entries no longer used are dropped; the work folders are gone.
    expect(readdirSync(cache).sort()).toEqual(readdirSync(join(root, 'clean-cache')).sort());
  });

  it('reuses a part whose pages changed only after their searched element, with the files a clean build writes', { timeout: 60_000 }, async () => {
    const site = join(root, 'related');
    const withRelated = (dir: string, related: string) => {
      writeSite(dir, articles);
      for (const article of articles) {
        const file = join(dir, articlePage(article.slug));
        writeFileSync(file, readFileSync(file, 'utf8').replace('</article>', `</article><aside class="related"><h2>Related</h2><a href="/articles/x/">${related} report</a></aside>`));
      }
    };
    withRelated(site, 'satellite');
    await buildSearchIndex(site, searchParts(articles), join(root, 'related-cache'));
    withRelated(site, 'broadband');
    const again = await buildSearchIndex(site, searchParts(articles), join(root, 'related-cache'));
    expect(again).toEqual({ pages: 4, indexed: [], reused: ['2024', '2023', '2022'] });
    const clean = join(root, 'related-clean');
    withRelated(clean, 'broadband');
    await buildSearchIndex(clean, searchParts(articles), join(root, 'related-clean-cache'));
    expect(files(site)).toEqual(files(clean));
  });

  it('indexes a part again when a file it shares with the cache was edited in place', { timeout: 60_000 }, async () => {
    const site = join(root, 'tampered');
    writeSite(site, articles);
    await buildSearchIndex(site, searchParts(articles), join(root, 'tamper-cache'));
    const entry = join(site, 'pagefind', '2023', 'pagefind-entry.json');
    const original = readFileSync(entry, 'utf8');
    writeFileSync(entry, original.replace('"page_count":1', '"page_count":7'));
    const again = await buildSearchIndex(site, searchParts(articles), join(root, 'tamper-cache'));
    expect(again).toEqual({ pages: 4, indexed: ['2023'], reused: ['2024', '2022'] });
    expect(readFileSync(entry, 'utf8')).toBe(original);
  });
});
