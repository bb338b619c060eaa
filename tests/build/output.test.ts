/**
 * Checks the built site against the files in content/: both the real site (dist/, from
 * `npm run build`) and the fixture site (content/ plus drafts, Markdown-heavy and filler articles).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRssFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { readContentArticles, readContentTopics } from '../../src/lib/content-files.ts';
import { readPagefindPages } from '../../scripts/lib/pagefind-index.ts';
import { pageLinks } from '../../src/lib/paginate.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';
import { feedChain, hrefs, htmlFiles, pageExists, readPage } from '../helpers/dist.ts';
import { FILLER_COUNT, FILLER_TOPIC, fixtureContent, fixtureDist, root, siteDist } from '../helpers/paths.ts';

const sites = [
  { name: 'site (content/)', contentDir: `${root}content`, distDir: siteDist },
  { name: 'fixture', contentDir: fixtureContent, distDir: fixtureDist },
];

describe.each(sites)('$name', ({ contentDir, distDir }) => {
  const articles = readContentArticles(contentDir);
  const published = articles.filter((a) => !a.draft);
  const topics = readContentTopics(contentDir);
  // The site feed: rss.xml, then each monthly archive document its prev-archive links lead to.
  const feedDocuments = feedChain(distDir, paths.rss()).map((path) => parseRssFeed(readFileSync(join(distDir, path), 'utf8')));
  const indexed = readPagefindPages(distDir);

  it('gives every published article a page with its title, date and linked topics', () => {
    for (const article of published) {
      const page = readPage(distDir, paths.article(article.slug));
      expect(page.querySelector('h1')?.textContent, article.file).toBe(article.title);
      expect(page.querySelector('article time')?.getAttribute('datetime'), article.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const topicHrefs = [...page.querySelectorAll('article .topic-links a')].map((a) => a.getAttribute('href'));
      expect(topicHrefs, article.file).toEqual(article.topics.map((topic) => url(paths.topic(topic))));
      expect(page.querySelector('article')?.textContent, article.file).toMatch(/\d+ min read/);
    }
  });

  it('lists every published article on each of its topic pages', () => {
    // Every link on each topic's pages, read once per topic.
    const onTopic = new Map<string, Set<string>>();
    const linksOnTopic = (topic: string) => {
      if (!onTopic.has(topic)) {
        const pages: string[] = [];
        for (let n = 1; pageExists(distDir, paths.topic(topic, n)); n += 1) pages.push(...hrefs(readPage(distDir, paths.topic(topic, n))));
        onTopic.set(topic, new Set(pages));
      }
      return onTopic.get(topic)!;
    };
    for (const article of published) {
      const link = url(paths.article(article.slug));
      for (const topic of article.topics) {
        expect(linksOnTopic(topic).has(link), `${article.file} on /topics/${topic}/`).toBe(true);
      }
    }
  });

  it('orders the home page newest first', () => {
    const dates = [...readPage(distDir, paths.home()).querySelectorAll('.article-item time')].map((t) => t.getAttribute('datetime') ?? '');
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('shows every topic on the topics index with its description and article count', () => {
    const index = readPage(distDir, paths.topics());
    for (const topic of topics) {
      const item = [...index.querySelectorAll('.topic-index li')].find((li) => li.querySelector('a')?.getAttribute('href') === url(paths.topic(topic.slug)));
      expect(item, topic.slug).toBeTruthy();
      const count = published.filter((a) => a.topics.includes(topic.slug)).length;
      expect(item?.textContent).toContain(`${count} ${count === 1 ? 'article' : 'articles'}`);
    }
  });

  it('puts every published article in the RSS feed, newest first, with topics as categories', () => {
    // The subscription document holds at least the newest site.feedItems; each older month has
    // an archive (tests/build/feeds.test.ts checks the split exactly).
    expect(feedDocuments[0].items?.length).toBeGreaterThanOrEqual(Math.min(site.feedItems, published.length));
    const items = feedDocuments.flatMap((document) => document.items ?? []);
    const byLink = new Map(items.map((item) => [item.link, item]));
    expect(byLink.size).toBe(published.length);
    for (const article of published) {
      const item = byLink.get(absoluteUrl(paths.article(article.slug)));
      expect(item, article.file).toBeTruthy();
      expect(item?.title).toBe(article.title);
      expect(item?.guid?.value).toBe(absoluteUrl(paths.article(article.slug)));
      const names = article.topics.map((slug) => topics.find((t) => t.slug === slug)?.name);
      expect(item?.categories?.map((c) => c.name)).toEqual(names);
      expect(item?.description?.length).toBeGreaterThan(20);
    }
    for (const dates of feedDocuments.map((document) => (document.items ?? []).map((item) => Date.parse(item.pubDate ?? '')))) {
      expect(dates.every(Number.isFinite)).toBe(true);
      expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    }
  });

  it('indexes exactly the published articles for search, with title, date and topic filters', () => {
    expect(indexed.map((page) => page.url).sort()).toEqual(published.map((a) => url(paths.article(a.slug))).sort());
    for (const article of published) {
      const page = indexed.find((p) => p.url === url(paths.article(article.slug)));
      expect(page?.meta.title, article.file).toBe(article.title);
      expect(page?.meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const html = readPage(distDir, paths.article(article.slug));
      expect(html.querySelector('[data-pagefind-body]')?.getAttribute('data-pagefind-sort')).toBe(`date:${page?.meta.date}`);
      const names = article.topics.map((slug) => topics.find((t) => t.slug === slug)?.name);
      expect(page?.filters.topic?.sort()).toEqual([...names].sort());
    }
  });

  it('indexes article text but not navigation, footers or related links', () => {
    for (const page of indexed) {
      expect(page.content).not.toMatch(/Skip to content|All topics|min read|Named in this article|Related articles|← Older|Newer →/);
    }
  });

  it('gives every page RSS and JSON Feed autodiscovery links in its head', () => {
    for (const file of htmlFiles(distDir)) {
      const { document } = parseHTML(readFileSync(join(distDir, file), 'utf8'));
      const alternates = [...document.querySelectorAll('head link[rel="alternate"]')].map((l) => `${l.getAttribute('type')} ${l.getAttribute('href')}`);
      expect(alternates, file).toContain(`application/rss+xml ${absoluteUrl(paths.rss())}`);
      expect(alternates, file).toContain(`application/feed+json ${absoluteUrl(paths.jsonFeed())}`);
    }
  });

  it('runs no inline script, only the small "/" shortcut outside the search page, and nothing from another host', () => {
    const shortcuts = new Set<string>();
    for (const file of htmlFiles(distDir)) {
      const html = readFileSync(join(distDir, file), 'utf8');
      // JSON-LD is a data block, never executed; every other script must be an external file of this site.
      const { document } = parseHTML(html);
      const scripts = [...document.querySelectorAll('script')].filter((el) => el.getAttribute('type') !== 'application/ld+json');
      for (const script of scripts) {
        expect(script.getAttribute('src'), `${file}: inline script`).toMatch(new RegExp(`^${url('/_astro/')}`));
        expect(script.textContent, file).toBe('');
      }
      const sources = scripts.map((el) => el.getAttribute('src') ?? '');
      if (file !== 'search/index.html') {
        expect(sources.length, file).toBe(1);
        shortcuts.add(sources[0]);
      }
      // Links in article bodies may point elsewhere; resources (src, stylesheet, icon) may not.
      const resources = [...html.matchAll(/<(?:script|img|link|iframe|source)\b[^>]*\s(?:src|href)="(?:https?:)?\/\/([^/"]+)/g)].filter(
        (m) => !m[0].includes('rel="alternate"') && !m[0].includes('rel="canonical"'),
      );
      expect(resources.map((m) => m[0]), file).toEqual([]);
    }
    // Every page shares one shortcut script, and it stays tiny; the search boxes announce it.
    expect(readFileSync(join(distDir, 'index.html'), 'utf8')).toContain('aria-keyshortcuts="/"');
    expect(shortcuts.size).toBe(1);
    const [shortcut] = shortcuts;
    expect(readFileSync(join(distDir, shortcut.slice(url('/').length))).length).toBeLessThan(1024);
  });
});

describe('fixture only', () => {
  const articles = readContentArticles(fixtureContent);

  it('keeps drafts out of pages, lists, the feed, the search index and every file', () => {
    if (!articles.some((a) => a.slug === 'draft-secret-merger-plans' && a.draft)) {
      throw new Error('the fixture needs its draft: tests/fixtures/articles/draft-secret-merger-plans.md with draft: true');
    }
    const files = htmlFiles(fixtureDist).concat(['rss.xml']);
    for (const draft of articles.filter((a) => a.draft)) {
      expect(pageExists(fixtureDist, paths.article(draft.slug))).toBe(false);
      for (const file of files) {
        const text = readFileSync(join(fixtureDist, file), 'utf8');
        expect(text, `${draft.slug} in ${file}`).not.toContain(draft.slug);
        expect(text, file).not.toContain(draft.title);
      }
    }
    expect(readPagefindPages(fixtureDist).some((page) => page.content.includes('zebrafishword'))).toBe(false);
  });

  it('derives a summary from the first paragraph, without Markdown, and escapes titles', () => {
    const slug = 'no-summary-markdown';
    const home = readFileSync(join(fixtureDist, 'index.html'), 'utf8');
    expect(home).toContain('&amp; &lt;chips&gt; in 2025');
    const item = [...readPage(fixtureDist, paths.home()).querySelectorAll('.article-item')].find((li) =>
      li.querySelector('a')?.getAttribute('href') === url(paths.article(slug)),
    );
    expect(item?.querySelector('.summary')?.textContent).toBe(
      'Regulators tightened the rules on AI chips this week, officials said.',
    );
    const page = readPage(fixtureDist, paths.article(slug));
    expect(page.querySelector('.article-body strong')?.textContent).toBe('tightened');
    expect(page.querySelector('.meta')?.textContent).toContain('Updated');
  });

  it('paginates a topic 20 to a page, newest first, with previous, next and numbered links', () => {
    const total = FILLER_COUNT + readContentArticles(`${root}content`).filter((a) => a.topics.includes(FILLER_TOPIC)).length;
    const pageCount = Math.ceil(total / 20);
    // Enough pages that some page bars leave pages out (an ellipsis), not only list them all.
    expect(pageCount).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    const dates: string[] = [];
    for (let n = 1; n <= pageCount; n += 1) {
      const page = readPage(fixtureDist, paths.topic(FILLER_TOPIC, n));
      const items = [...page.querySelectorAll('.article-item')];
      expect(items.length).toBe(n < pageCount ? 20 : total - 20 * (pageCount - 1));
      seen.push(...items.map((li) => li.querySelector('a')?.getAttribute('href') ?? ''));
      dates.push(...items.map((li) => li.querySelector('time')?.getAttribute('datetime') ?? ''));
      const prev = page.querySelector('a[rel="prev"]')?.getAttribute('href');
      const next = page.querySelector('a[rel="next"]')?.getAttribute('href');
      expect(prev).toBe(n > 1 ? url(paths.topic(FILLER_TOPIC, n - 1)) : undefined);
      expect(next).toBe(n < pageCount ? url(paths.topic(FILLER_TOPIC, n + 1)) : undefined);
      // Numbered links as pageLinks() picks them, each to its own page; the current page marked, not linked; gaps as "…".
      const entries = [...page.querySelectorAll('.page-numbers li')].map((li) => {
        const link = li.querySelector('a');
        if (link) return { text: link.textContent, href: link.getAttribute('href') };
        return { text: li.textContent?.trim(), current: li.querySelector('[aria-current="page"]') !== null };
      });
      const expected = pageLinks(n, pageCount).map((number) =>
        number === null ? { text: '…', current: false } : number === n ? { text: `Page ${n}`, current: true } : { text: `Page ${number}`, href: url(paths.topic(FILLER_TOPIC, number)) },
      );
      expect(entries, `page ${n}`).toEqual(expected);
    }
    expect(new Set(seen).size).toBe(total);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(pageExists(fixtureDist, paths.topic(FILLER_TOPIC, pageCount + 1))).toBe(false);
  });
});

describe('content security policy', () => {
  it('puts one CSP <meta> with no unsafe-inline script on every page, and a _headers file', () => {
    for (const distDir of [siteDist, fixtureDist]) {
      for (const file of htmlFiles(distDir)) {
        const { document } = parseHTML(readFileSync(join(distDir, file), 'utf8'));
        const metas = [...document.querySelectorAll('meta[http-equiv="content-security-policy"]')];
        expect(metas.length, file).toBe(1);
        const policy = metas[0].getAttribute('content') ?? '';
        const script = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
        expect(script, file).toContain("'self'");
        expect(script, file).toContain("'wasm-unsafe-eval'");
        expect(script, file).not.toMatch(/unsafe-inline|'unsafe-eval'|https?:|\*/);
        expect(policy, file).toMatch(/default-src 'self'/);
        expect(policy, file).toMatch(/worker-src 'self' blob:/);
      }
      const headers = readFileSync(join(distDir, '_headers'), 'utf8');
      expect(headers).toMatch(/Content-Security-Policy: .*script-src 'self' 'wasm-unsafe-eval'; .*frame-ancestors 'none'/);
    }
  });
});
