import { describe, expect, it } from 'vitest';
import { NEWS_NAMESPACE, newsArticles, newsLanguage, newsSitemapXml } from '../../src/lib/news-sitemap.ts';
import { sitemapIndexXml } from '../../src/lib/sitemap.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const article = (slug: string, date: string) => ({ slug, title: `Title ${slug}`, date: day(date) });

describe('newsArticles', () => {
  it('keeps the newest article’s day and the day before, counted from the articles, not the clock', () => {
    const articles = [article('a', '2020-03-01'), article('b', '2020-02-29'), article('c', '2020-02-28'), article('d', '2019-01-01')];
    expect(newsArticles(articles).map((a) => a.slug)).toEqual(['a', 'b']);
  });

  it('keeps at most the limit, newest first', () => {
    const articles = Array.from({ length: 1005 }, (_, i) => article(`n${i}`, '2024-05-02'));
    expect(newsArticles(articles)).toHaveLength(1000);
    expect(newsArticles(articles, 3).map((a) => a.slug)).toEqual(['n0', 'n1', 'n2']);
  });

  it('has nothing for a site without articles, and refuses articles out of order', () => {
    expect(newsArticles([])).toEqual([]);
    expect(() => newsArticles([article('a', '2024-01-01'), article('b', '2024-01-02')])).toThrow(/not newest first/);
  });
});

describe('newsSitemapXml', () => {
  it('writes each article with the publication, its date and its title, escaped', () => {
    const xml = newsSitemapXml([{ slug: 'x', title: 'Chips & <AI> "now"', date: day('2024-05-02') }]);
    expect(xml).toContain(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="${NEWS_NAMESPACE}">`);
    expect(xml).toContain(
      `<url><loc>${absoluteUrl(paths.article('x'))}</loc><news:news><news:publication><news:name>${site.title}</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-05-02</news:publication_date><news:title>Chips &amp; &lt;AI&gt; &quot;now&quot;</news:title></news:news></url>`,
    );
  });

  it('gives the language as Google asks: ISO 639, or zh-cn and zh-tw', () => {
    expect(newsLanguage('en')).toBe('en');
    expect(newsLanguage('en-GB')).toBe('en');
    expect(newsLanguage('zh-TW')).toBe('zh-tw');
    expect(newsLanguage('fil')).toBe('fil');
  });

  it('is named in the sitemap index with the date of its newest article', () => {
    const xml = sitemapIndexXml([], [{ path: paths.newsSitemap(), entries: [{ path: '/a/', lastmod: day('2024-05-02') }, { path: '/b/', lastmod: day('2024-05-01') }] }]);
    expect(xml).toContain(`<sitemap><loc>${absoluteUrl(paths.newsSitemap())}</loc><lastmod>2024-05-02</lastmod></sitemap>`);
  });
});
