/**
 * Feeds, sitemap, head tags and JSON-LD of the built sites, checked against content/ with real
 * parsers: Python's feedparser (Debian's python3-feedparser) and feedsmith for RSS, feedsmith for
 * JSON Feed, linkedom for HTML.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { readContentArticles, readContentTopics, type ContentArticle } from '../../src/lib/content-files.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';
import { feedChain, htmlFiles, nextUrlPath, sitemapPartFiles, sitePath } from '../helpers/dist.ts';
import { fixtureContent, fixtureDist, root, siteDist } from '../helpers/paths.ts';
import { feedparser, hasFeedparser } from '../helpers/python.ts';


interface ParsedFeed {
  bozo: boolean;
  bozo_exception: string;
  version: string;
  entries: { id: string; link: string; title: string; published: string; tags: string[]; content: string }[];
}

const readFeeds = (files: string[]) => feedparser<ParsedFeed>(files);

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Newest first, ties by title: the order every listing and feed promises. */
function newestFirst(articles: ContentArticle[]): ContentArticle[] {
  return [...articles].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'en'));
}

function textOf(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
}

const sites = [
  { name: 'site (content/)', contentDir: `${root}content`, distDir: siteDist },
  { name: 'fixture', contentDir: fixtureContent, distDir: fixtureDist },
];

describe.each(sites)('$name', ({ contentDir, distDir }) => {
  const published = newestFirst(readContentArticles(contentDir).filter((a) => !a.draft));
  const drafts = readContentArticles(contentDir).filter((a) => a.draft);
  const topics = readContentTopics(contentDir);
  const topicName = (slug: string) => topics.find((t) => t.slug === slug)?.name;
  const rssFeeds = [
    { path: paths.rss(), articles: published },
    ...topics.map((topic) => ({ path: paths.topicRss(topic.slug), articles: published.filter((a) => a.topics.includes(topic.slug)) })),
  ];
  const file = (path: string) => join(distDir, path);
  const read = (path: string) => readFileSync(file(path), 'utf8');
  const rssDocuments = rssFeeds.map((feed) => ({ ...feed, documents: feedChain(distDir, feed.path) }));
  const allRssDocuments = rssDocuments.flatMap((feed) => feed.documents);
  const jsonDocuments = feedChain(distDir, paths.jsonFeed(), nextUrlPath);
  // How src/lib/feeds.ts splits a feed: the newest article's month is open and wholly in the
  // subscription document, which holds at least the newest site.feedItems; earlier months are archived.
  const openMonth = (articles: ContentArticle[]) => articles[0]?.date.slice(0, 7);
  const newest = (articles: ContentArticle[]) =>
    articles.slice(0, Math.max(site.feedItems, articles.filter((a) => a.date.startsWith(openMonth(articles))).length));
  const archived = (articles: ContentArticle[]) => articles.filter((a) => !a.date.startsWith(openMonth(articles)));
  const monthOf = (path: string) => /\/archive\/(\d{4})\/(\d{2})\//.exec(path)?.slice(1, 3).join('-');

  it('splits every feed into a subscription document with the newest articles and monthly archives', () => {
    // The fixture has more articles than a subscription document holds, so its archives matter.
    if (distDir === fixtureDist) {
      expect(published.length).toBeGreaterThan(site.feedItems);
      expect(archived(published).length).toBeGreaterThan(site.feedItems);
    }
    for (const feed of rssDocuments) {
      const [subscription, ...archives] = feed.documents;
      expect(archives.map(monthOf), feed.path).toEqual([...new Set(archived(feed.articles).map((a) => a.date.slice(0, 7)))]);
      expect(read(subscription), feed.path).not.toContain('<fh:archive/>');
      archives.forEach((archive, index) => {
        const xml = read(archive);
        expect(xml, archive).toContain('<fh:archive/>');
        expect(xml, archive).toContain(`<atom:link href="${absoluteUrl(subscription)}" rel="current" type="application/rss+xml"/>`);
        const newer = index === 0 ? undefined : absoluteUrl(archives[index - 1]);
        expect(/<atom:link href="([^"]*)" rel="next-archive"/.exec(xml)?.[1], archive).toBe(newer);
        for (const date of textOf(xml, 'pubDate')) expect(new Date(date).toISOString().slice(0, 7), archive).toBe(monthOf(archive));
      });
    }
  });

  it.runIf(hasFeedparser)('feedparser reads every RSS document without error and gets the site’s items', () => {
    const parsed = readFeeds(allRssDocuments.map(file));
    const check = (entries: ParsedFeed['entries'], articles: ContentArticle[], label: string) => {
      expect(entries.map((e) => e.link), label).toEqual(articles.map((a) => absoluteUrl(paths.article(a.slug))));
      expect(entries.map((e) => e.id), label).toEqual(articles.map((a) => absoluteUrl(paths.article(a.slug))));
      expect(entries.map((e) => e.title), label).toEqual(articles.map((a) => a.title));
      expect(entries.map((e) => e.published), label).toEqual(articles.map((a) => `${a.date}T00:00:00Z`));
      expect(entries.map((e) => e.tags), label).toEqual(articles.map((a) => a.topics.map(topicName)));
      for (const entry of entries) expect(entry.content?.length, entry.link).toBeGreaterThan(20);
    };
    for (const feed of rssDocuments) {
      for (const document of feed.documents) {
        const result = parsed[file(document)];
        expect(result.bozo, `${document}: ${result.bozo_exception}`).toBe(false);
        expect(result.version).toBe('rss20');
      }
      const [subscription, ...archives] = feed.documents;
      check(parsed[file(subscription)].entries, newest(feed.articles), feed.path);
      check(archives.flatMap((archive) => parsed[file(archive)].entries), archived(feed.articles), `${feed.path} archives`);
    }
  });

  it('writes valid RSS 2.0: channel elements, self link, unique guids, RFC 822 dates', () => {
    for (const path of allRssDocuments) {
      const xml = read(path);
      const parsed = parseRssFeed(xml);
      expect(parsed.title, path).toBeTruthy();
      expect(parsed.link, path).toMatch(/^https?:\/\//);
      expect(parsed.description, path).toBeTruthy();
      expect(parsed.language).toBe('en');
      expect(xml).toContain(`<atom:link href="${absoluteUrl(path)}" rel="self" type="application/rss+xml"/>`);
      const items = parsed.items ?? [];
      const dates = [...textOf(xml, 'pubDate'), ...textOf(xml, 'lastBuildDate')];
      expect(dates.length, path).toBe(items.length + (items.length > 0 ? 1 : 0));
      for (const date of dates) expect(date, path).toMatch(RFC822);
      const guids = items.map((item) => item.guid?.value);
      expect(new Set(guids).size, path).toBe(items.length);
      for (const item of items) {
        expect(item.title && item.link && item.description, path).toBeTruthy();
      }
    }
  });

  it('carries full text in content:encoded, sanitised, with absolute URLs', () => {
    for (const path of allRssDocuments) {
      const items = parseRssFeed(read(path)).items ?? [];
      for (const item of items) {
        const html = item.content?.encoded ?? '';
        expect(html, item.link).toMatch(/^<p>/);
        expect(html, item.link).not.toMatch(/<script|<iframe|<style|\son\w+=|javascript:|data:text/i);
        for (const [, attribute] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
          expect(attribute, item.link).toMatch(/^(https?:|mailto:)/);
        }
      }
    }
  });

  it('keeps drafts out of every feed document and the sitemap', () => {
    const sitemapParts = sitemapPartFiles(distDir);
    expect(sitemapParts.length).toBeGreaterThan(0);
    const texts = [...allRssDocuments, ...jsonDocuments, paths.sitemap(), ...sitemapParts].map(read);
    for (const draft of drafts) for (const text of texts) expect(text).not.toContain(`/articles/${draft.slug}/`);
  });

  it('writes a JSON Feed 1.1 with the same items as the RSS feed, paged by next_url', () => {
    const [subscription, ...archives] = jsonDocuments;
    expect(archives.map(monthOf)).toEqual([...new Set(archived(published).map((a) => a.date.slice(0, 7)))]);
    const pages = jsonDocuments.map((path) => ({ path, text: read(path), json: JSON.parse(read(path)) }));
    for (const page of pages) {
      expect(page.json.version, page.path).toBe('https://jsonfeed.org/version/1.1');
      expect(page.json.title, page.path).toBeTruthy();
      expect(page.json.feed_url, page.path).toBe(absoluteUrl(paths.jsonFeed()));
      expect(page.json.home_page_url, page.path).toBe(absoluteUrl(paths.home()));
      expect(parseJsonFeed(page.text).items?.length, page.path).toBe(page.json.items.length);
    }
    const check = (items: { url: string; id: string; title: string; date_published: string; content_html: unknown; tags: unknown }[], articles: ContentArticle[], label: string) => {
      expect(items.map((item) => item.url), label).toEqual(articles.map((a) => absoluteUrl(paths.article(a.slug))));
      expect(items.map((item) => item.title), label).toEqual(articles.map((a) => a.title));
      expect(new Set(items.map((item) => item.id)).size, label).toBe(articles.length);
      for (const [index, item] of items.entries()) {
        expect(item.date_published).toMatch(RFC3339);
        expect(item.date_published.slice(0, 10)).toBe(articles[index].date);
        expect(typeof item.content_html).toBe('string');
        expect(item.tags).toEqual(articles[index].topics.map(topicName));
      }
    };
    check(pages[0].json.items, newest(published), subscription);
    check(pages.slice(1).flatMap((page) => page.json.items), archived(published), 'archives');
  });

  it('links every feed from /feeds/ and each topic feed from its topic page head and body', () => {
    const { document: feedsPage } = parseHTML(readFileSync(file('feeds/index.html'), 'utf8'));
    const links = [...feedsPage.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    for (const feed of rssFeeds) expect(links).toContain(url(feed.path));
    expect(links).toContain(url(paths.jsonFeed()));
    for (const topic of topics) {
      const { document } = parseHTML(readFileSync(file(`topics/${topic.slug}/index.html`), 'utf8'));
      expect(document.querySelector(`head link[rel="alternate"][href="${absoluteUrl(paths.topicRss(topic.slug))}"]`), topic.slug).toBeTruthy();
      expect(document.querySelector(`main a[href="${url(paths.topicRss(topic.slug))}"]`), topic.slug).toBeTruthy();
    }
  });

  it('lists every page in the sitemap exactly once, in parts its index names, with article lastmod from their dates', () => {
    const index = readFileSync(file(paths.sitemap()), 'utf8');
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const partPaths = textOf(index, 'loc').map(sitePath);
    expect(partPaths.sort()).toEqual(sitemapPartFiles(distDir).sort());
    const parts = new Map(partPaths.map((path) => [path, readFileSync(file(path), 'utf8')]));
    // The news sitemap names recent articles a second time (tests/build/news-sitemap.test.ts).
    const locs = [...parts].filter(([path]) => path !== paths.newsSitemap()).flatMap(([, xml]) => textOf(xml, 'loc'));
    expect(new Set(locs).size).toBe(locs.length);
    const pages = htmlFiles(distDir)
      .filter((f) => f !== '404.html')
      .map((f) => absoluteUrl(`/${f.replace(/index\.html$/, '')}`));
    expect([...locs].sort()).toEqual([...pages].sort());
    // Each article in the part for the year it was published; each part dated by its newest URL.
    for (const article of published) {
      const part = parts.get(paths.sitemapPart(`articles-${article.date.slice(0, 4)}`)) ?? '';
      const loc = absoluteUrl(paths.article(article.slug));
      expect(part, article.file).toContain(`<url><loc>${loc}</loc><lastmod>${article.updated ?? article.date}</lastmod></url>`);
    }
    for (const [path, xml] of parts) {
      if (path === paths.newsSitemap()) continue;
      const newest = textOf(xml, 'lastmod').sort().at(-1);
      expect(index, path).toContain(`<sitemap><loc>${absoluteUrl(path)}</loc>${newest ? `<lastmod>${newest}</lastmod>` : ''}</sitemap>`);
    }
    expect(readFileSync(file('robots.txt'), 'utf8')).toContain(`Sitemap: ${absoluteUrl(paths.sitemap())}`);
  });

  it('gives every page a canonical URL, a description and Open Graph and Twitter tags', () => {
    for (const page of htmlFiles(distDir)) {
      const { document } = parseHTML(readFileSync(join(distDir, page), 'utf8'));
      const meta = (selector: string) => document.querySelector(`head meta[${selector}]`)?.getAttribute('content');
      const canonical = document.querySelector('head link[rel="canonical"]')?.getAttribute('href');
      // The 404 page is served at every unknown address: it has no URL of its own to declare.
      const expected = page === '404.html' ? undefined : absoluteUrl(`/${page.replace(/index\.html$/, '')}`);
      expect(canonical, page).toBe(expected);
      expect(meta('name="description"')?.length, page).toBeGreaterThan(10);
      expect(meta('property="og:url"'), page).toBe(canonical);
      for (const tag of ['property="og:title"', 'property="og:description"', 'property="og:type"', 'property="og:site_name"', 'name="twitter:card"']) {
        expect(meta(tag), `${page} ${tag}`).toBeTruthy();
      }
    }
    for (const article of published) {
      const { document } = parseHTML(readFileSync(file(`articles/${article.slug}/index.html`), 'utf8'));
      const meta = (selector: string) => document.querySelector(`head meta[${selector}]`)?.getAttribute('content');
      expect(meta('property="og:type"')).toBe('article');
      expect(meta('property="og:title"')).toBe(article.title);
      expect(meta('property="article:published_time"')).toBe(`${article.date}T00:00:00.000Z`);
      // An article with a lead image announces its crop instead (tests/build/lead-image.test.ts).
      if (!article.image) {
        expect(meta('property="og:image"')).toBe(absoluteUrl(paths.ogImage(article.slug)));
        expect(meta('name="twitter:image"')).toBe(absoluteUrl(paths.ogImage(article.slug)));
      }
      expect(meta('name="twitter:card"')).toBe('summary_large_image');
      const tags = [...document.querySelectorAll('head meta[property="article:tag"]')].map((m) => m.getAttribute('content'));
      expect(tags).toEqual(article.topics.map(topicName));
    }
  });

  it('gives every article one NewsArticle JSON-LD block that parses and names its headline and dates', () => {
    for (const article of published) {
      const { document } = parseHTML(readFileSync(file(`articles/${article.slug}/index.html`), 'utf8'));
      const blocks = [...document.querySelectorAll('script[type="application/ld+json"]')];
      expect(blocks.length, article.file).toBe(1);
      const text = blocks[0].textContent ?? '';
      expect(text, article.file).not.toMatch(/<\/?script/i);
      const data = JSON.parse(text);
      expect(data['@type']).toBe('NewsArticle');
      expect(data.headline, article.file).toBe(article.title);
      expect(data.datePublished).toBe(`${article.date}T00:00:00.000Z`);
      expect(data.dateModified).toBe(`${article.updated ?? article.date}T00:00:00.000Z`);
      expect(data.articleSection).toEqual(article.topics.map(topicName));
      expect(data.keywords).toEqual(article.topics.map(topicName));
      expect(data.mainEntityOfPage['@id']).toBe(absoluteUrl(paths.article(article.slug)));
      expect(data.publisher.name).toBeTruthy();
      expect(data.description.length).toBeGreaterThan(10);
      if (!article.image) expect(data.image).toEqual([absoluteUrl(paths.ogImage(article.slug))]);
    }
  });

  it('serves the XSL stylesheet the feeds reference', () => {
    expect(readFileSync(file('rss.xml'), 'utf8')).toContain(`<?xml-stylesheet href="${url(paths.rssStylesheet())}" type="text/xsl"?>`);
    expect(existsSync(file('rss.xsl'))).toBe(true);
  });
});
