/**
 * Real wire stories through the importer and the build: a sample of the Reuters 1987 archive
 * (one story per file, capital titles, tickers written as "&lt;SRD>", results tables) is imported
 * into a copy of content/ whose topics.yaml gains business topics, and the site built from it
 * must give every story a page and show no raw character reference in pages, feeds or search.
 */
import { cpSync, appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { importDigest, type ImportResult } from '../../scripts/import.ts';
import { readFrontmatter } from '../../src/lib/content-files.ts';
import { readPagefindPages } from '../../scripts/lib/pagefind-index.ts';
import { paths } from '../../src/lib/urls.ts';
import { htmlFiles, readPage } from '../helpers/dist.ts';
import { buildIsolated } from '../helpers/isolated-build.ts';
import { root } from '../helpers/paths.ts';

/** 40 wire stories, among them "&amp;", "&#127;", the same text filed twice, one title over two texts. */
const ARCHIVE = join(root, 'tests/fixtures/reuters-1987/import-sample');
const SAMPLE_SIZE = 40;
const RAW_REFERENCE = /&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const BUSINESS_TOPICS = `
- id: business
  name: Business wire
  description: Company results, deals and markets from the wires.
  keywords: [shr, net, dividend, merger, acquisition, offering]
- id: commodities
  name: Commodities
  description: Grain, oil, metals and softs.
  keywords: [cocoa, wheat, corn, oil, sugar, coffee]
`;

const work = mkdtempSync(join(tmpdir(), 'import-archive-'));
const sample = join(work, 'wire');
const contentDir = join(work, 'content');
const distDir = join(work, 'dist');
const log: string[] = [];
let result: ImportResult;

function visibleText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body.textContent ?? '';
}

describe('a sample of a real wire archive, imported and built', () => {
  beforeAll(async () => {
    cpSync(ARCHIVE, sample, { recursive: true });
    cpSync(join(root, 'content'), contentDir, { recursive: true });
    appendFileSync(join(contentDir, 'topics.yaml'), BUSINESS_TOPICS);
    result = importDigest({
      inputs: [sample],
      out: join(contentDir, 'articles'),
      topicsFile: join(contentDir, 'topics.yaml'),
      entitiesFile: join(contentDir, 'entities.yaml'),
      topics: ['business'],
      force: false,
      dryRun: false,
      log: (line) => log.push(line),
    });
    await buildIsolated({ outDir: distDir, env: { CONTENT_DIR: contentDir }, imageCache: 'shared' });
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('imports every story of the sample, a text filed twice once, in one run', () => {
    const files = readdirSync(sample);
    expect(files).toHaveLength(SAMPLE_SIZE);
    expect(result.written).toHaveLength(SAMPLE_SIZE - 1);
    expect(log).toContainEqual(expect.stringMatching(/1987-03-03-0947\.txt:1: the same text as .*1987-03-03-0911\.txt:1; imported once$/));
    expect(log).toContainEqual(expect.stringMatching(/1987-03-02-0620\.txt:1: "ARBOR DRUGS INC <ARBR> 2ND QTR JAN 31 NET" is also the title of .*; imported as "ARBOR DRUGS INC <ARBR> 2ND QTR JAN 31 NET \(2\)"$/));
    expect(log).toContainEqual(expect.stringMatching(/1987-03-02-0419\.txt: removed 2 references to control characters \(&#127;\)$/));
  });

  it('gives every imported story a page with its decoded title and every paragraph', () => {
    for (const file of result.written) {
      const slug = file.replace(/.*\//, '').replace(/\.md$/, '');
      const source = readFileSync(file, 'utf8');
      const data = readFrontmatter(source);
      const page = readPage(distDir, paths.article(slug));
      expect(page.querySelector('h1')?.textContent, slug).toBe(data.title);
      const body = source.split('\n---\n').slice(1).join('').trim();
      const paragraphs = body.split(/\n\n+/).length;
      expect(page.querySelectorAll('.article-body p').length, slug).toBe(paragraphs);
    }
    const standard = readPage(distDir, paths.article('standard-oil-srd-to-form-financial-unit'));
    expect(standard.querySelector('h1')?.textContent).toBe('STANDARD OIL <SRD> TO FORM FINANCIAL UNIT');
    expect(standard.querySelector('.article-body')?.textContent).toContain('British Petroleum Co Plc <BP>');
  });

  it('shows no raw character reference on any page', () => {
    const pages = htmlFiles(distDir);
    expect(pages.length).toBeGreaterThan(SAMPLE_SIZE);
    for (const name of pages) {
      const { document } = parseHTML(readFileSync(join(distDir, name), 'utf8'));
      expect(document.documentElement.textContent ?? '', name).not.toMatch(RAW_REFERENCE);
      expect(document.title, name).not.toMatch(RAW_REFERENCE);
    }
  });

  it('shows no raw character reference in any feed item or search result', () => {
    const rss = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('rss.xml'));
    expect(rss.length).toBeGreaterThan(0);
    let items = 0;
    for (const name of rss) {
      for (const item of parseRssFeed(readFileSync(join(distDir, name), 'utf8')).items ?? []) {
        items += 1;
        expect(item.title ?? '', name).not.toMatch(RAW_REFERENCE);
        expect(visibleText(item.description ?? ''), name).not.toMatch(RAW_REFERENCE);
        expect(visibleText(item.content?.encoded ?? ''), name).not.toMatch(RAW_REFERENCE);
      }
    }
    expect(items).toBeGreaterThanOrEqual(result.written.length);
    const json = parseJsonFeed(readFileSync(join(distDir, paths.jsonFeed().replace(/^\//, '')), 'utf8'));
    for (const item of json.items ?? []) {
      expect(item.title ?? '').not.toMatch(RAW_REFERENCE);
      expect(visibleText(item.content_html ?? '')).not.toMatch(RAW_REFERENCE);
    }
    const indexed = readPagefindPages(distDir);
    expect(indexed.length).toBeGreaterThanOrEqual(result.written.length);
    for (const page of indexed) {
      expect(page.content, page.url).not.toMatch(RAW_REFERENCE);
      expect(page.meta.title ?? '', page.url).not.toMatch(RAW_REFERENCE);
    }
  });
});
