import { describe, expect, it } from 'vitest';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';
import { archiveByMonth } from '../../src/lib/archive.ts';
import { sitemapIndexXml, sitemapParts, sitemapXml } from '../../src/lib/sitemap.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';

const topics = [{ slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] }];

function input(id: string, date: string, updated?: string): ArticleInput {
  return {
    id,
    file: `${id}.md`,
    title: `Title ${id}`,
    date: new Date(`${date}T00:00:00Z`),
    updated: updated ? new Date(`${updated}T00:00:00Z`) : undefined,
    topics: ['chips'],
    html: '<p>Text.</p>',
  };
}

const inputs = [input('a', '2023-03-01'), input('b', '2023-12-31', '2024-02-02'), input('c', '2024-01-01'), input('d', '2025-06-30'), input('e', '2025-07-01')];
const model = buildModel(inputs, topics, []);
const archive = archiveByMonth(model.articles);
const names = (parts: ReturnType<typeof sitemapParts>) => parts.map((part) => part.name);
const articlePaths = (slugs: string[]) => slugs.map((slug) => paths.article(slug));

describe('sitemapParts', () => {
  it('puts the other pages in one part and the articles in one part per year, newest year first, oldest article first', () => {
    const parts = sitemapParts(model, archive);
    expect(names(parts)).toEqual(['pages', 'articles-2025', 'articles-2024', 'articles-2023']);
    expect(parts.slice(1).map((part) => part.entries.map((entry) => entry.path))).toEqual([
      articlePaths(['d', 'e']),
      articlePaths(['c']),
      articlePaths(['a', 'b']),
    ]);
    const pages = parts[0].entries.map((entry) => entry.path);
    expect(pages).toEqual(expect.arrayContaining([paths.home(), paths.topics(), paths.topic('chips'), paths.archiveMonth(2025, 7)]));
    expect(pages.some((path) => path.startsWith('/articles/'))).toBe(false);
  });

  it('files an article under the year it was published, dated by its last change', () => {
    const b = sitemapParts(model, archive).find((part) => part.name === 'articles-2023')!.entries.find((entry) => entry.path === paths.article('b'));
    expect(b?.lastmod?.toISOString().slice(0, 10)).toBe('2024-02-02');
  });

  it('cuts a part over the limit into numbered parts that keep every URL once, in order', () => {
    const whole = sitemapParts(model, archive);
    const cut = sitemapParts(model, archive, 2);
    expect(names(cut)).toEqual(expect.arrayContaining(['articles-2025', 'articles-2024', 'articles-2023']));
    expect(names(cut).filter((name) => name.startsWith('pages-'))).toEqual(
      Array.from({ length: Math.ceil(whole[0].entries.length / 2) }, (_, i) => `pages-${i + 1}`),
    );
    for (const part of cut) expect(part.entries.length, part.name).toBeLessThanOrEqual(2);
    expect(cut.flatMap((part) => part.entries)).toEqual(whole.flatMap((part) => part.entries));
    expect(() => sitemapParts(model, archive, 0)).toThrow(/at least one URL/);
  });

  it('puts a new article in the last part of its year, leaving the earlier parts as they were', () => {
    const articles = (m: typeof model) => sitemapParts(m, archiveByMonth(m.articles), 1).filter((part) => part.name.startsWith('articles-2025'));
    const before = articles(model);
    const later = buildModel([...inputs, input('f', '2025-12-01')], topics, []);
    const after = articles(later);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toEqual({ name: 'articles-2025-3', entries: [{ path: paths.article('f'), lastmod: new Date('2025-12-01T00:00:00Z') }] });
  });
});

describe('sitemap documents', () => {
  const parts = sitemapParts(model, archive);

  it('writes an index naming each part with the date of its newest URL', () => {
    const xml = sitemapIndexXml(parts);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    expect(xml).toContain(`<sitemap><loc>${absoluteUrl(paths.sitemapPart('articles-2023'))}</loc><lastmod>2024-02-02</lastmod></sitemap>`);
    expect(xml).toContain(`<sitemap><loc>${absoluteUrl(paths.sitemapPart('articles-2025'))}</loc><lastmod>2025-07-01</lastmod></sitemap>`);
    expect(xml.match(/<sitemap>/g)).toHaveLength(parts.length);
  });

  it('leaves lastmod out of a part whose URLs have none', () => {
    expect(sitemapIndexXml([{ name: 'search', entries: [{ path: paths.search() }] }])).toContain(
      `<sitemap><loc>${absoluteUrl(paths.sitemapPart('search'))}</loc></sitemap>`,
    );
  });

  it('writes each part as a urlset with escaped locations', () => {
    const xml = sitemapXml([{ path: '/a&b/', lastmod: new Date('2024-05-06T00:00:00Z') }, { path: paths.search() }]);
    expect(xml).toContain(`<url><loc>${absoluteUrl('/')}a&amp;b/</loc><lastmod>2024-05-06</lastmod></url>`);
    expect(xml).toContain(`<url><loc>${absoluteUrl(paths.search())}</loc></url>`);
    expect(xml).toMatch(/<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
  });
});
