/**
 * Bylines in the fixture build, checked against the articles' frontmatter: each article's byline
 * links its authors' pages (or the newsroom), JSON-LD names the same people, and an author's
 * listing is paginated with every page reachable. The audit (tests/build/audit.test.ts) proves
 * that every article is on its authors' pages and feeds.
 */
import { describe, expect, it } from 'vitest';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { readAuthorsFile } from '../../src/lib/content-schema.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';
import { pageExists, readPage } from '../helpers/dist.ts';
import { FILLER_AUTHOR, fixtureContent, fixtureDist } from '../helpers/paths.ts';

const articles = readContentArticles(fixtureContent).filter((article) => !article.draft);
const authors = readAuthorsFile(`${fixtureContent}/authors.yaml`);

describe('bylines', () => {
  it('link each article’s authors in frontmatter order, or the newsroom', () => {
    for (const article of articles) {
      const byline = readPage(fixtureDist, paths.article(article.slug)).querySelector('.article-header .byline');
      const links = [...(byline?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
      expect(links, article.file).toEqual(article.authors.length > 0 ? article.authors.map((id) => url(paths.author(id))) : [url(paths.authors())]);
    }
  });

  it('match the JSON-LD author of each article', () => {
    for (const article of articles) {
      const script = readPage(fixtureDist, paths.article(article.slug)).querySelector('script[type="application/ld+json"]')!;
      const author = JSON.parse(script.textContent!).author as { '@type': string; name: string; url: string }[];
      if (article.authors.length === 0) {
        expect(author, article.file).toEqual([{ '@type': 'Organization', name: site.title, url: absoluteUrl(paths.home()) }]);
        continue;
      }
      expect(author.map((each) => each.url), article.file).toEqual(article.authors.map((id) => absoluteUrl(paths.author(id))));
      expect(author.map((each) => each.name)).toEqual(article.authors.map((id) => authors.find((a) => a.id === id)!.name));
      expect(author.every((each) => each['@type'] === 'Person')).toBe(true);
    }
  });
});

describe('author pages', () => {
  it('paginate a long listing, each page linking the next, with the author’s name as text', () => {
    const count = articles.filter((article) => article.authors.includes(FILLER_AUTHOR)).length;
    const pages = Math.ceil(count / site.pageSize);
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n += 1) {
      const page = readPage(fixtureDist, paths.author(FILLER_AUTHOR, n));
      expect(page.querySelector('h1')!.textContent).toBe('Desk <Reporter> & "Co"');
      expect(page.querySelectorAll('.article-item').length).toBe(n < pages ? site.pageSize : count - site.pageSize * (pages - 1));
      if (n < pages) expect([...page.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain(url(paths.author(FILLER_AUTHOR, n + 1)));
    }
    expect(pageExists(fixtureDist, paths.author(FILLER_AUTHOR, pages + 1))).toBe(false);
  });

  it('are all linked from the authors index, which links each feed from the feeds page', () => {
    const index = [...readPage(fixtureDist, paths.authors()).querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    const feeds = [...readPage(fixtureDist, paths.feeds()).querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    for (const author of authors) {
      expect(index).toContain(url(paths.author(author.id)));
      expect(feeds).toContain(url(paths.authorRss(author.id)));
    }
  });
});
