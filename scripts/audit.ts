/**
 * The "nothing lost" audit, run by `npm run build` before dist/ is replaced (and on its own
 * with `npm run audit`). It compares the built site with the files in content/ and names every
 * published article missing from its page, its topic pages, its entity pages, the site feed,
 * its topic feeds, the sitemap or the search index, and every draft or unknown page that leaked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContentTopics, scanContentArticles, type ContentArticle, type ContentScan } from './lib/content-files.ts';
import { readPagefindPages } from './lib/pagefind-index.ts';
import { site } from '../src/lib/site.ts';
import { absoluteUrl, paths, url } from '../src/lib/urls.ts';

export interface AuditOptions {
  contentDir: string;
  distDir: string;
  /** contentDir's articles, if already read (scanContentArticles). */
  content?: ContentScan;
}

function hrefsIn(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/** Every index.html under dir, e.g. all the pages of one topic. */
function pagesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name === 'index.html' || name.endsWith('/index.html'))
    .map((name) => join(dir, name));
}

/** Hrefs inside <main> of every page under dir: the listing, not the site navigation. */
function listingLinks(dir: string): Set<string> {
  const links = new Set<string>();
  for (const page of pagesUnder(dir)) {
    const html = readFileSync(page, 'utf8');
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    for (const href of hrefsIn(main)) links.add(href);
  }
  return links;
}

function xmlText(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function feedLinks(xml: string): string[] {
  return [...xml.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => xmlText(m[1]));
}

/** The href of a feed document's <atom:link rel="…">, if it has one. */
function feedLink(xml: string, rel: string): string | undefined {
  const match = new RegExp(`<atom:link href="([^"]*)" rel="${rel}"`).exec(xml);
  return match ? xmlText(match[1]) : undefined;
}

interface FeedDocument {
  path: string;
  text: string;
}

/**
 * A feed's documents: the subscription document at `path`, then each archive document its
 * "older" link leads to (RFC 5005's prev-archive, JSON Feed's next_url). Broken links, loops
 * and archive documents not marked as such are problems.
 */
function feedDocuments(distDir: string, path: string, older: (text: string) => string | undefined, isArchive: (text: string) => boolean, problems: string[]): FeedDocument[] {
  const documents: FeedDocument[] = [];
  const seen = new Set<string>();
  const root = absoluteUrl('/');
  let next: string | undefined = path;
  while (next !== undefined) {
    const file = join(distDir, next);
    if (seen.has(next)) {
      problems.push(`${path}: its archive links loop back to ${next}`);
      break;
    }
    seen.add(next);
    if (!existsSync(file)) {
      problems.push(documents.length === 0 ? `dist: ${path} is missing` : `${documents.at(-1)!.path}: links to the archive ${next}, which is missing`);
      break;
    }
    const text = readFileSync(file, 'utf8');
    if (documents.length > 0 && !isArchive(text)) problems.push(`${next}: an archive of ${path} that does not say it is one`);
    documents.push({ path: next, text });
    const href = older(text);
    if (href !== undefined && !href.startsWith(root)) {
      problems.push(`${next}: links to an archive outside the site: ${href}`);
      break;
    }
    next = href === undefined ? undefined : `/${href.slice(root.length)}`;
  }
  return documents;
}

function jsonFeedLinks(text: string): string[] {
  try {
    return (JSON.parse(text) as { items?: { url?: string }[] }).items?.map((item) => item.url ?? '') ?? [];
  } catch {
    return [];
  }
}

function jsonNextUrl(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { next_url?: string }).next_url;
  } catch {
    return undefined;
  }
}

/** Everything but the search index: pages, listings, feeds and sitemap (see auditSearchIndex). */
export function auditPages({ contentDir, distDir, content = scanContentArticles(contentDir) }: AuditOptions): string[] {
  const { articles } = content;
  const problems: string[] = [...content.problems];
  const topics = readContentTopics(contentDir);
  const published = articles.filter((article) => !article.draft);
  const drafts = articles.filter((article) => article.draft);
  const href = (article: ContentArticle) => url(paths.article(article.slug));
  const link = (article: ContentArticle) => absoluteUrl(paths.article(article.slug));
  const listings = new Map<string, Set<string>>();
  const listing = (dir: string) => {
    let links = listings.get(dir);
    if (!links) listings.set(dir, (links = listingLinks(dir)));
    return links;
  };
  const read = (path: string) => (existsSync(join(distDir, path)) ? readFileSync(join(distDir, path), 'utf8') : null);

  // One page per published article, and no other article pages.
  const articleDir = join(distDir, 'articles');
  const built = new Set(existsSync(articleDir) ? readdirSync(articleDir) : []);
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  for (const article of published) {
    if (!existsSync(join(articleDir, article.slug, 'index.html'))) problems.push(`${article.file}: no page at ${paths.article(article.slug)}`);
    if (!existsSync(join(distDir, paths.ogImage(article.slug)))) problems.push(`${article.file}: no preview image at ${paths.ogImage(article.slug)}`);
  }
  for (const slug of built) {
    const source = bySlug.get(slug);
    if (!source) problems.push(`dist: ${paths.article(slug)} has no source in ${contentDir}/articles`);
    else if (source.draft) problems.push(`${source.file}: draft was published at ${paths.article(slug)}`);
  }

  // Listed on every one of its topic pages; drafts on none.
  for (const topic of topics) {
    const links = listingLinks(join(distDir, 'topics', topic.slug));
    for (const article of published) {
      if (article.topics.includes(topic.slug) && !links.has(href(article))) problems.push(`${article.file}: not listed on the "${topic.slug}" topic pages`);
    }
    for (const draft of drafts) if (links.has(href(draft))) problems.push(`${draft.file}: draft is listed on the "${topic.slug}" topic pages`);
  }
  for (const article of published) {
    for (const slug of article.topics) {
      if (!topics.some((topic) => topic.slug === slug)) problems.push(`${article.file}: topics: "${slug}" has no topic pages`);
    }
  }

  // Entity pages and article pages agree: an article naming an entity is listed on its pages.
  for (const article of published) {
    const page = read(`articles/${article.slug}/index.html`);
    if (!page) continue;
    const footer = page.slice(page.indexOf('class="article-entities"'), page.indexOf('</article>'));
    const named = page.includes('class="article-entities"') ? hrefsIn(footer).filter((h) => h.startsWith(url(paths.entities()))) : [];
    for (const entityHref of named) {
      const slug = entityHref.slice(url(paths.entities()).length).replace(/\/$/, '');
      if (!listing(join(distDir, 'entities', slug)).has(href(article))) {
        problems.push(`${article.file}: names entity "${slug}" but is not listed on its pages`);
      }
    }
  }
  const entityDir = join(distDir, 'entities');
  for (const slug of existsSync(entityDir) ? readdirSync(entityDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []) {
    for (const listed of listing(join(entityDir, slug))) {
      const source = listed.startsWith(url('/articles/')) ? bySlug.get(listed.slice(url('/articles/').length).replace(/\/$/, '')) : undefined;
      if (listed.startsWith(url('/articles/')) && (!source || source.draft)) problems.push(`entity "${slug}": lists ${listed}, which is not a published article`);
    }
  }

  // The site feed has exactly the published articles; each topic feed exactly its articles;
  // the JSON Feed the same as the site feed. A feed is a subscription document with the newest
  // articles and one archive document per month (src/lib/feeds.ts): each article must be in its
  // month's archive, and in the subscription document if it is among the newest.
  const rss = { older: (xml: string) => feedLink(xml, 'prev-archive'), isArchive: (xml: string) => xml.includes('<fh:archive/>'), links: feedLinks };
  // JSON Feed has no mark for an archive document: next_url only pages through the feed.
  const json = { older: jsonNextUrl, isArchive: () => true, links: jsonFeedLinks };
  const feeds = [
    { path: paths.rss(), expected: published, format: rss, archive: paths.rssArchive },
    { path: paths.jsonFeed(), expected: published, format: json, archive: paths.jsonFeedArchive },
    ...topics.map((topic) => ({
      path: paths.topicRss(topic.slug),
      expected: published.filter((a) => a.topics.includes(topic.slug)),
      format: rss,
      archive: (year: number, month: number) => paths.topicRssArchive(topic.slug, year, month),
    })),
  ];
  for (const feed of feeds) {
    const documents = feedDocuments(distDir, feed.path, feed.format.older, feed.format.isArchive, problems);
    if (documents.length === 0) continue;
    const linksOf = new Map(documents.map((document) => [document.path, new Set(feed.format.links(document.text))]));
    const newest = linksOf.get(feed.path)!;
    const expectedLinks = new Set(feed.expected.map(link));
    for (const listed of new Set([...linksOf.values()].flatMap((links) => [...links]))) {
      const draft = drafts.find((each) => link(each) === listed);
      if (draft) problems.push(`${draft.file}: draft is in ${feed.path} or its archives`);
      else if (!expectedLinks.has(listed)) problems.push(`${feed.path}: lists ${listed}, which is not one of its articles`);
    }
    // Ties on the oldest day of the subscription document may fall either side of its limit.
    const wanted = Math.min(site.feedItems, feed.expected.length);
    if (newest.size !== wanted) problems.push(`${feed.path}: has ${newest.size} items, not the newest ${wanted}`);
    const oldestDay = feed.expected.map((a) => a.date).sort().reverse()[wanted - 1];
    for (const article of feed.expected) {
      if (article.date > oldestDay && !newest.has(link(article))) problems.push(`${article.file}: missing from ${feed.path}`);
      const archive = feed.archive(Number(article.date.slice(0, 4)), Number(article.date.slice(5, 7)));
      if (!linksOf.get(archive)?.has(link(article))) problems.push(`${article.file}: missing from ${archive}, the archive of ${feed.path} for its month`);
    }
  }

  // The sitemap lists every page, and only pages that exist.
  const sitemap = read(paths.sitemap());
  if (sitemap === null) {
    problems.push(`dist: ${paths.sitemap()} is missing`);
  } else {
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => xmlText(m[1]));
    const listed = new Set(locs);
    if (listed.size !== locs.length) problems.push(`${paths.sitemap()}: lists ${locs.length - listed.size} URL(s) twice`);
    const pages = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('index.html') && !name.startsWith('pagefind/'))
      .map((name) => absoluteUrl(`/${name.replace(/index\.html$/, '')}`));
    for (const page of pages) if (!listed.has(page)) problems.push(`${paths.sitemap()}: missing ${page}`);
    const pageSet = new Set(pages);
    for (const loc of listed) if (!pageSet.has(loc)) problems.push(`${paths.sitemap()}: lists ${loc}, which has no page`);
  }
  return problems;
}

/** The search index holds exactly the published articles. */
export function auditSearchIndex({ contentDir, distDir, content = scanContentArticles(contentDir) }: AuditOptions): string[] {
  const problems: string[] = [];
  const published = content.articles.filter((article) => !article.draft);
  const href = (article: ContentArticle) => url(paths.article(article.slug));
  let indexed: Set<string>;
  try {
    // Pagefind records URLs relative to the output folder, without the base path.
    indexed = new Set(readPagefindPages(distDir).map((page) => url(page.url)));
  } catch (error) {
    problems.push(`dist: the Pagefind index cannot be read: ${(error as Error).message}`);
    indexed = new Set();
  }
  for (const article of published) if (!indexed.has(href(article))) problems.push(`${article.file}: missing from the search index`);
  const articleUrls = new Set(published.map(href));
  for (const page of indexed) if (!articleUrls.has(page)) problems.push(`search index: holds ${page}, which is not a published article`);
  return problems;
}

/**
 * The whole audit. `npm run build` runs the two halves itself: auditPages in a process of its own
 * while Pagefind indexes, and auditSearchIndex after.
 */
export function auditSite(options: AuditOptions): string[] {
  const content = options.content ?? scanContentArticles(options.contentDir);
  return [...auditPages({ ...options, content }), ...auditSearchIndex({ ...options, content })];
}

/** The line `npm run build` reads from `node scripts/audit.ts --pages <dir>`: the problems as JSON. */
export const PAGE_AUDIT_PREFIX = 'page-audit: ';
/** What `npm run build` writes to an audit started with --after-stdin once the pages are built. */
export const AUDIT_GO = 'go';
/** What such an audit writes to its standard error once content/ is read and it waits. */
export const AUDIT_WAITING = 'audit: content read; waiting for the pages';

if (import.meta.main) {
  const args = process.argv.slice(2);
  const distDir = args.find((arg) => !arg.startsWith('--')) ?? 'dist';
  if (args.includes('--pages')) {
    // scripts/build.ts runs this in its own process beside Pagefind, so its memory is gone when
    // Pagefind's peaks. With --after-stdin it reads content/ at once (while Astro renders) and
    // audits the pages once its standard input says "go"; input that ends without it means the
    // build stopped, and there is nothing to audit.
    const content = scanContentArticles(site.contentDir);
    if (args.includes('--after-stdin')) {
      console.error(AUDIT_WAITING);
      let input = '';
      process.stdin.setEncoding('utf8').on('data', (chunk: string) => (input += chunk));
      await new Promise((resolve) => process.stdin.on('end', resolve));
      if (input.trim() !== AUDIT_GO) {
        console.error('audit: the build stopped before its pages were ready; nothing audited');
        process.exit(2);
      }
    }
    console.log(`${PAGE_AUDIT_PREFIX}${JSON.stringify(auditPages({ contentDir: site.contentDir, distDir, content }))}`);
  } else {
    const problems = auditSite({ contentDir: site.contentDir, distDir });
    if (problems.length > 0) {
      console.error(`audit: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
      process.exitCode = 1;
    } else {
      console.log('audit: every published article is on its page, topic and entity pages, feeds, sitemap and search index; no draft leaked');
    }
  }
}
