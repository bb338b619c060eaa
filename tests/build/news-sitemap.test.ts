/**
 * The Google News sitemap of both builds. Every sitemap document (the parts and the news sitemap)
 * is validated by xmllint against the sitemaps.org XSD that the npm package `sitemap` ships, with
 * the news: elements checked by tests/fixtures/news-sitemap/sitemap-news.xsd, written from
 * Google's documentation (Google's own XSD cannot be fetched here). The rules no schema can
 * state (which articles, how many, their titles) are checked against content/.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { NEWS_NAMESPACE, NEWS_URL_LIMIT } from '../../src/lib/news-sitemap.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';
import { pageExists, sitemapPartFiles, sitePath } from '../helpers/dist.ts';
import { fixtureContent, fixtureDist, root, siteDist } from '../helpers/paths.ts';

/** The package's exports leave its schema folder out, so it is found by path. */
const SITEMAP_XSD = join(root, 'node_modules/sitemap/schema/sitemap.xsd');
const NEWS_XSD = join(root, 'tests/fixtures/news-sitemap/sitemap-news.xsd');

async function xmllintAvailable(): Promise<boolean> {
  try {
    await promisify(execFile)('xmllint', ['--version']);
    return true;
  } catch {
    if (process.env.CI) throw new Error('xmllint is required in CI to validate the sitemaps (apt-get install -y libxml2-utils)');
    console.warn('Skipping the sitemap schema check: no xmllint. Install it with: apt-get install -y libxml2-utils');
    return false;
  }
}
const hasXmllint = await xmllintAvailable();

const work = mkdtempSync(join(tmpdir(), 'news-sitemap-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** One schema for both namespaces: xmllint takes a single --schema. */
const schema = join(work, 'sitemaps.xsd');
writeFileSync(
  schema,
  `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="${SITEMAP_XSD}"/>
  <xsd:import namespace="${NEWS_NAMESPACE}" schemaLocation="${NEWS_XSD}"/>
</xsd:schema>
`,
);

/** xmllint's complaints about the files; none when all are valid. */
async function schemaErrors(files: string[]): Promise<string[]> {
  try {
    await promisify(execFile)('xmllint', ['--noout', '--schema', schema, ...files]);
    return [];
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error)
      .split('\n')
      .filter((line) => line && !line.endsWith(' validates'));
  }
}

const sites = [
  { name: 'site (dist/)', distDir: siteDist, contentDir: join(root, 'content') },
  { name: 'fixture', distDir: fixtureDist, contentDir: fixtureContent },
];

describe.each(sites)('$name', ({ distDir, contentDir }) => {
  const read = (path: string) => readFileSync(join(distDir, path), 'utf8');
  const xml = read(paths.newsSitemap());
  const { document } = parseHTML(`<root>${xml.replace(/^<\?xml[^>]*\?>/, '')}</root>`);
  const urls = [...document.querySelectorAll('url')].map((node) => ({
    loc: node.querySelector('loc')?.textContent ?? '',
    name: node.querySelector('news\\:publication news\\:name')?.textContent,
    date: node.querySelector('news\\:publication_date')?.textContent ?? '',
    title: node.querySelector('news\\:title')?.textContent,
  }));

  it.runIf(hasXmllint)('has every sitemap, the news sitemap included, valid against the sitemap XSD and the news: rules', async () => {
    const files = sitemapPartFiles(distDir).map((path) => join(distDir, path));
    expect(files).toContain(join(distDir, paths.newsSitemap()));
    expect(await schemaErrors(files)).toEqual([]);
  });

  it.runIf(hasXmllint)('would refuse a news sitemap that breaks Google’s rules', async () => {
    const broken = join(work, `broken-${distDir === siteDist ? 'site' : 'fixture'}.xml`);
    writeFileSync(broken, xml.replace('<news:language>en</news:language>', '<news:language>English</news:language>').replace(/<news:title>[^<]*<\/news:title>/, ''));
    const errors = await schemaErrors([broken]);
    expect(errors.some((line) => line.includes('language'))).toBe(true);
    expect(errors.some((line) => line.includes('title'))).toBe(true);
  });

  it('lists the articles of the newest two days, at most 1,000, with their titles and dates', () => {
    const published = readContentArticles(contentDir).filter((article) => !article.draft);
    const newest = published.map((article) => article.date).sort().at(-1)!;
    const dayBefore = new Date(Date.parse(`${newest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const due = published.filter((article) => article.date >= dayBefore);
    expect(urls.length).toBe(Math.min(due.length, NEWS_URL_LIMIT));
    expect(urls.length).toBeGreaterThan(0);
    const bySlug = new Map(published.map((article) => [absoluteUrl(paths.article(article.slug)), article]));
    for (const entry of urls) {
      const article = bySlug.get(entry.loc);
      expect(article, entry.loc).toBeDefined();
      expect(pageExists(distDir, sitePath(entry.loc))).toBe(true);
      expect(article!.date >= dayBefore, entry.loc).toBe(true);
      expect(entry.date).toBe(article!.date);
      expect(entry.title).toBe(article!.title);
      expect(entry.name).toBe(site.title);
    }
  });

  it('is named in the sitemap index, dated by its newest article, and in robots.txt', () => {
    const newest = urls.map((entry) => entry.date).sort().at(-1);
    expect(read(paths.sitemap())).toContain(`<sitemap><loc>${absoluteUrl(paths.newsSitemap())}</loc><lastmod>${newest}</lastmod></sitemap>`);
    expect(read('robots.txt').split('\n')).toContain(`Sitemap: ${absoluteUrl(paths.newsSitemap())}`);
  });
});
