/**
 * The "nothing lost" audit, run by `npm run build` before dist/ is replaced (and on its own
 * with `npm run audit`). It compares the built site with the files in content/ and names every
 * published article missing from its page, its topic pages, its entity pages, the site feed,
 * the JSON Feed, its topic feeds (each a subscription document and monthly archives), its
 * week's digest page and email edition, its authors' pages and feeds, the sitemap, the news
 * sitemap (if it is of the newest two days) or the search index, and every draft or unknown page that leaked.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { readContentAuthors, readContentTopics, scanContentArticles, type ContentArticle, type ContentScan, type ContentTopic } from '../src/lib/content-files.ts';
import { hasClass, linksWithin, readJsonFeed, readRssFeed, readSitemap, type FeedFormat, type SitemapRead } from './lib/built-documents.ts';
import { buildCacheDir } from './lib/build-cache.ts';
import { ParseMemo, type DocumentBytes } from './lib/parse-memo.ts';
import { listBuiltSite, listBuiltSiteAside, type SiteListing } from './lib/site-listing.ts';
import { readPagefindPages, readPagefindParts, type IndexedPage } from './lib/pagefind-index.ts';
import { searchParts, type SearchPart } from '../src/lib/search-parts.ts';
import { site } from '../src/lib/site.ts';
import { countOf } from '../src/lib/counts.ts';
import { SITEMAP_BYTE_LIMIT, SITEMAP_NAMESPACE, SITEMAP_URL_LIMIT } from '../src/lib/sitemap-protocol.ts';
import { absoluteUrl, isSitemapPartPath, paths, url } from '../src/lib/urls.ts';
import { parseIsoDate } from '../src/lib/dates.ts';
import { isoWeekOf, WEEK_KEY, weekKey } from '../src/lib/weeks.ts';
import { NEWS_DAYS, NEWS_URL_LIMIT, newsArticles } from '../src/lib/news-sitemap.ts';

export interface AuditOptions {
  contentDir: string;
  distDir: string;
  /** contentDir's articles, if already read (scanContentArticles). */
  content?: ContentScan;
}

/**
 * The built site's documents, read through one buffer, so that reading its hundreds of megabytes
 * allocates next to nothing. Paths are site paths ('/rss.xml') or relative to the site's folder.
 */
export class BuiltDocuments {
  readonly dir: string;
  #scratch = Buffer.allocUnsafe(1 << 20);
  /** The names in each folder asked about, read once. */
  readonly #names = new Map<string, ReadonlySet<string>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Whether `path` exists: looked up in its folder's names, then (for one they lack) on disk. */
  exists(path: string): boolean {
    const clean = path.replace(/^\/+/, '');
    const slash = clean.lastIndexOf('/');
    const folder = slash === -1 ? '' : clean.slice(0, slash);
    let names = this.#names.get(folder);
    if (!names) this.#names.set(folder, (names = new Set(this.namesIn(folder))));
    return names.has(clean.slice(slash + 1)) || existsSync(join(this.dir, path));
  }

  /**
   * The bytes of the file at `path`, or null when there is none. They are good until the next
   * read: hash or parse them at once, or copy them.
   */
  read(path: string): Buffer | null {
    const file = join(this.dir, path);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      if (!existsSync(file)) return null;
      throw error;
    }
    try {
      const size = fstatSync(fd).size;
      if (size > this.#scratch.length) this.#scratch = Buffer.allocUnsafe(size);
      let length = 0;
      for (let read = -1; length < size && read !== 0; length += read) read = readSync(fd, this.#scratch, length, size - length, null);
      return this.#scratch.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  }

  /** The names directly inside the folder `path` ('' for the site's own), only its folders if `foldersOnly`; none if it is missing. */
  namesIn(path: string, foldersOnly = false): string[] {
    const full = join(this.dir, path);
    if (!existsSync(full)) return [];
    const entries = readdirSync(full, { withFileTypes: true });
    return (foldersOnly ? entries.filter((entry) => entry.isDirectory()) : entries).map((entry) => entry.name);
  }
}

/**
 * The built site with the list of its entries (scripts/lib/site-listing.ts), but for the search
 * index's folder: Pagefind's files are auditSearchIndex's.
 */
export class BuiltFiles extends BuiltDocuments {
  readonly entries: readonly string[];
  readonly #entries: ReadonlySet<string>;
  readonly #folders: ReadonlySet<string>;
  /** The index.html pages under each folder, in the order of the entries. */
  readonly #pages = new Map<string, string[]>();

  constructor(dir: string, listing: SiteListing) {
    super(dir);
    this.entries = listing.entries;
    this.#entries = new Set(listing.entries);
    this.#folders = new Set(listing.folders);
    for (const path of listing.entries) {
      if (!path.endsWith('/index.html')) continue;
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        const ancestor = path.slice(0, slash);
        const pages = this.#pages.get(ancestor);
        if (pages) pages.push(path);
        else this.#pages.set(ancestor, [path]);
      }
    }
  }

  /** Whether `path` exists: in the listing, or (for one it lacks: a path with '..', or made since) on disk. */
  override exists(path: string): boolean {
    return this.#entries.has(path.replace(/^\/+/, '')) || existsSync(join(this.dir, path));
  }

  /** Every index.html under the folder `path` (relative to the site's folder), e.g. all the pages of one topic. */
  pagesUnder(path: string): string[] {
    if (this.#folders.has(path)) return this.#pages.get(path) ?? [];
    // Not a folder the listing holds: read from disk, as named.
    const dir = join(this.dir, path);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name === 'index.html' || name.endsWith('/index.html'))
      .map((name) => relative(this.dir, join(dir, name)));
  }
}

/** Pagefind's folder at the root of the site (src/lib/urls.ts paths.pagefind()). */
const SEARCH_INDEX_FOLDER = paths.pagefind().replace(/^\/|\/$/g, '');

/**
 * Readings of built documents, remembered by their bytes. In memory unless the command line
 * opens the one kept in the build cache (scripts/lib/parse-memo.ts).
 */
let memo = ParseMemo.inMemory();

/** The links inside <main>, <body> or an article's list of entities. */
const linksIn = {
  main: (html: DocumentBytes) => memo.read('main', html, (text) => linksWithin(text, (name) => name === 'main')),
  body: (html: DocumentBytes) => memo.read('body', html, (text) => linksWithin(text, (name) => name === 'body')),
  entities: (html: DocumentBytes) => memo.read('entities', html, (text) => linksWithin(text, (_, attributes) => hasClass(attributes, 'article-entities'))),
};

/** Links inside <main> of every page under the folder `path`: the listing, not the site navigation. */
function listingLinks(site: BuiltFiles, path: string): Set<string> {
  const links = new Set<string>();
  for (const page of site.pagesUnder(path)) {
    for (const href of linksIn.main(site.read(page) ?? readFileSync(join(site.dir, page))) ?? []) links.add(href);
  }
  return links;
}

interface FeedDocument {
  path: string;
  links: Set<string>;
  /** Items in the document, repeats included. */
  count: number;
}

/**
 * A feed's documents: the subscription document at `path`, then each archive document its
 * older-link leads to. Broken links, loops, links off the site and documents that say the
 * wrong thing about being an archive are problems.
 */
function feedDocuments(site: BuiltDocuments, path: string, format: FeedFormat, problems: string[]): FeedDocument[] {
  const documents: FeedDocument[] = [];
  const root = absoluteUrl('/');
  let next: string | undefined = path;
  while (next !== undefined) {
    if (documents.some((document) => document.path === next)) {
      problems.push(`${documents.at(-1)!.path}: its archive link loops back to ${next}`);
      break;
    }
    const bytes = site.read(next);
    if (bytes === null) {
      problems.push(documents.length === 0 ? `dist: ${path} is missing` : `${documents.at(-1)!.path}: links to the archive ${next}, which is missing`);
      break;
    }
    // A reading is remembered under its parser's name: readRssFeed, readJsonFeed.
    if (!format.name) throw new Error('a feed format without a name cannot be remembered');
    const { links, older: href, newer, current, archive, unreadable } = memo.read(format.name, bytes, format);
    if (unreadable) problems.push(`${next}: ${unreadable}`);
    if (archive !== null && documents.length > 0) {
      // An archive must lead back: to the feed (current) and to the archive that linked to it.
      const expectNewer = documents.length > 1 ? absoluteUrl(documents.at(-1)!.path) : undefined;
      if (current !== absoluteUrl(path)) problems.push(`${next}: its rel="current" link is ${current ?? 'missing'}, not ${absoluteUrl(path)}`);
      if (newer !== expectNewer) {
        problems.push(expectNewer === undefined ? `${next}: the newest archive has a rel="next-archive" link (${newer})` : `${next}: its rel="next-archive" link is ${newer ?? 'missing'}, not ${expectNewer}`);
      }
    }
    if (documents.length === 0 && archive === true) problems.push(`${next}: marked as an archive (fh:archive), but it is the feed readers subscribe to`);
    if (documents.length > 0 && archive === false) problems.push(`${next}: an archive of ${path} without the fh:archive mark`);
    documents.push({ path: next, links: new Set(links), count: links.length });
    if (href !== undefined && !href.startsWith(root)) {
      problems.push(`${next}: links to an archive outside the site: ${href}`);
      break;
    }
    next = href === undefined ? undefined : `/${href.slice(root.length)}`;
  }
  return documents;
}

interface Feed {
  path: string;
  format: FeedFormat;
  archive: (year: number, month: number) => string;
}

/** Each article's page as a site URL (href) and as an absolute URL (link), worked out once. */
interface ArticleUrls {
  href: ReadonlyMap<ContentArticle, string>;
  link: ReadonlyMap<ContentArticle, string>;
}

/** What one feed must hold, worked out from content/ alone (see checkFeed). */
interface FeedPlan {
  feed: Feed;
  expected: readonly ContentArticle[];
  link: ReadonlyMap<ContentArticle, string>;
  byLink: ReadonlyMap<string, ContentArticle>;
  draftByLink: ReadonlyMap<string, ContentArticle>;
  openMonth: string;
  wanted: number;
  oldestDay: string;
  /** The articles the subscription document must hold whatever its limit. */
  inSubscription: readonly ContentArticle[];
  /** Each earlier month's archive document and its articles. */
  months: ReadonlyMap<string, ContentArticle[]>;
  archiveOf: ReadonlyMap<ContentArticle, string>;
}

/**
 * A feed's articles (newest first by date) as src/lib/feeds.ts splits them: the month of the
 * newest article is open and all in the subscription document, which also holds older ones up
 * to site.feedItems; every earlier month has an archive document.
 */
function planFeed(feed: Feed, expected: readonly ContentArticle[], drafts: readonly ContentArticle[], urls: ArticleUrls): FeedPlan {
  const link = urls.link;
  const byLink = new Map(expected.map((article) => [link.get(article)!, article]));
  const draftByLink = new Map(drafts.map((draft) => [link.get(draft)!, draft]));
  const monthKey = (article: ContentArticle) => article.date.slice(0, 7);
  const openMonth = expected.map(monthKey).sort().at(-1) ?? '';
  const open = expected.filter((article) => monthKey(article) === openMonth).length;
  const wanted = Math.max(open, Math.min(site.feedItems, expected.length));
  // Articles dated on the subscription document's oldest day may fall either side of its limit.
  const oldestDay = expected.map((article) => article.date).sort().reverse()[wanted - 1];
  const inSubscription: ContentArticle[] = [];
  const months = new Map<string, ContentArticle[]>();
  const archiveOf = new Map<ContentArticle, string>();
  for (const article of expected) {
    archiveOf.set(article, feed.archive(Number(article.date.slice(0, 4)), Number(article.date.slice(5, 7))));
    if (monthKey(article) === openMonth || article.date > oldestDay) inSubscription.push(article);
    if (monthKey(article) === openMonth) continue;
    const archive = archiveOf.get(article)!;
    const month = months.get(archive);
    if (month) month.push(article);
    else months.set(archive, [article]);
  }
  return { feed, expected, link, byLink, draftByLink, openMonth, wanted, oldestDay, inSubscription, months, archiveOf };
}

/** Checks one feed's documents against what it must hold (planFeed). */
function checkFeed(plan: FeedPlan, built: BuiltDocuments, problems: string[]): void {
  const { feed, expected, link, byLink, draftByLink, openMonth, wanted, oldestDay, months, archiveOf } = plan;
  const documents = feedDocuments(built, feed.path, feed.format, problems);
  if (documents.length === 0) return;
  for (const document of documents) {
    for (const listed of document.links) {
      const draft = draftByLink.get(listed);
      if (listed === '') problems.push(`${document.path}: has an item without a link`);
      else if (draft) problems.push(`${draft.file}: draft is in ${document.path}`);
      else if (!byLink.has(listed)) problems.push(`${document.path}: lists ${listed}, which is not one of the articles of ${feed.path}`);
    }
  }
  if (expected.length === 0) return;
  const [subscription, ...archives] = documents;
  if (subscription.count !== subscription.links.size) problems.push(`${feed.path}: lists an article more than once`);
  if (subscription.links.size !== wanted) problems.push(`${feed.path}: has ${subscription.links.size} items, not ${wanted} (the newest ${site.feedItems}, and every article of ${openMonth})`);
  for (const listed of subscription.links) {
    const article = byLink.get(listed);
    if (article && article.date < oldestDay) problems.push(`${feed.path}: lists ${article.file}, older than its newest ${wanted}`);
  }
  for (const article of plan.inSubscription) {
    if (!subscription.links.has(link.get(article)!)) problems.push(`${article.file}: missing from ${feed.path}`);
  }
  const reached = new Map(archives.map((document) => [document.path, document]));
  for (const [archive, articles] of months) {
    const document = reached.get(archive);
    if (!document) {
      problems.push(`${feed.path}: its archive links never reach ${archive}, so ${countOf(articles.length, 'article', 'articles')} such as ${articles[0].file} cannot be found from it`);
      continue;
    }
    for (const article of articles) if (!document.links.has(link.get(article)!)) problems.push(`${article.file}: missing from ${archive}, the archive of ${feed.path} for its month`);
    for (const listed of document.links) {
      const article = byLink.get(listed);
      if (article && archiveOf.get(article) !== archive) problems.push(`${archive}: lists ${article.file}, which is dated ${article.date}, outside the archive's month`);
    }
    if (document.count !== document.links.size) problems.push(`${archive}: lists an article more than once`);
  }
  for (const document of archives) if (!months.has(document.path)) problems.push(`${document.path}: an archive of ${feed.path} for no month of its articles`);
}

/** The protocol's limits, the same for a sitemap index (in sitemaps) and a sitemap (in URLs). */
function checkSitemapLimits(path: string, bytes: number, count: number, unit: string, kind: string, problems: string[]): void {
  if (count > SITEMAP_URL_LIMIT) problems.push(`${path}: lists ${count} ${unit}; ${kind} may hold ${SITEMAP_URL_LIMIT}`);
  if (bytes > SITEMAP_BYTE_LIMIT) problems.push(`${path}: is ${bytes} bytes; ${kind} may be ${SITEMAP_BYTE_LIMIT}`);
}

function isSitemapRoot(root: SitemapRead['root'], local: string): boolean {
  return root?.local === local && root.namespace === SITEMAP_NAMESPACE;
}

/** A sitemap's reading and the size of its text in UTF-8, remembered by its bytes. */
function sitemapIn(xml: Buffer, entry: 'url' | 'sitemap'): SitemapRead & { bytes: number } {
  return memo.read(`sitemap-${entry}`, xml, (text) => ({ ...readSitemap(text, entry), bytes: Buffer.byteLength(text) }));
}

/**
 * Every URL the sitemap lists: /sitemap.xml is a sitemap index, and each part it names must be
 * a sitemap beside it on the site, exist, and keep to the protocol's limits. Null when there is
 * no index to follow.
 */
function sitemapLocs(built: BuiltDocuments, problems: string[], news: string[] = []): string[] | null {
  const index = built.read(paths.sitemap());
  if (index === null) {
    problems.push(`dist: ${paths.sitemap()} is missing`);
    return null;
  }
  const { root: indexRoot, locs: parts, bytes: indexBytes } = sitemapIn(index, 'sitemap');
  if (!isSitemapRoot(indexRoot, 'sitemapindex')) {
    problems.push(`${paths.sitemap()}: not a sitemap index (<sitemapindex> in the sitemaps.org namespace)`);
    return null;
  }
  checkSitemapLimits(paths.sitemap(), indexBytes, parts.length, 'sitemaps', 'a sitemap index', problems);
  if (new Set(parts).size !== parts.length) problems.push(`${paths.sitemap()}: lists a sitemap more than once`);
  // The protocol lets a sitemap list only URLs under its own folder, so the parts must sit beside
  // the index, at the root of the site.
  const root = absoluteUrl('/');
  const locs: string[] = [];
  for (const part of new Set(parts)) {
    const path = `/${part.slice(root.length)}`;
    if (!part.startsWith(root) || path.slice(1).includes('/')) {
      problems.push(`${paths.sitemap()}: lists the sitemap ${part}, which is not beside it, so it may not list the site's pages`);
      continue;
    }
    const xml = built.read(path);
    if (xml === null) {
      problems.push(`${paths.sitemap()}: lists the sitemap ${path}, which is missing`);
      continue;
    }
    const { root: partRoot, locs: urls, bytes } = sitemapIn(xml, 'url');
    if (!isSitemapRoot(partRoot, 'urlset')) {
      problems.push(`${path}: not a sitemap (<urlset> in the sitemaps.org namespace)`);
      continue;
    }
    checkSitemapLimits(path, bytes, urls.length, 'URLs', 'a sitemap', problems);
    // The news sitemap lists recent articles a second time, for Google News (auditNewsSitemap).
    if (path === paths.newsSitemap()) news.push(...urls);
    else locs.push(...urls);
  }
  for (const name of built.namesIn('')) {
    if (isSitemapPartPath(`/${name}`) && !parts.includes(absoluteUrl(`/${name}`))) problems.push(`/${name}: a sitemap that ${paths.sitemap()} does not list`);
  }
  return locs;
}

/**
 * The weekly digest: each published article on its ISO week's page and in that week's email
 * edition, HTML and text; no digest page lists a draft, an unknown article or another week's.
 */
function checkDigest(plan: PagePlan, built: BuiltDocuments, problems: string[]): void {
  const { weeks, weekOf, bySlug, urls } = plan;
  /** Each built week page's links, read once for both checks below. */
  const weekPageLinks = new Map<string, string[] | null>();
  const pageLinksOf = (week: string) => {
    if (!weekPageLinks.has(week)) {
      const page = built.read(`${paths.digestWeek(week)}index.html`);
      weekPageLinks.set(week, page === null ? null : (linksIn.main(page) ?? []));
    }
    return weekPageLinks.get(week)!;
  };
  for (const [week, articles] of weeks) {
    const listed = pageLinksOf(week);
    const html = built.read(paths.digestEmailHtml(week));
    const emailLinks = new Set(html === null ? [] : (linksIn.body(html) ?? []));
    const text = built.read(paths.digestEmailText(week))?.toString('utf8') ?? null;
    const pageLinks = new Set(listed ?? []);
    const textLines = new Set(text === null ? [] : text.split('\n'));
    for (const [file, missing] of [[paths.digestWeek(week), listed], [paths.digestEmailHtml(week), html], [paths.digestEmailText(week), text]] as const) {
      if (missing === null) problems.push(`dist: ${file} is missing, the digest of ${countOf(articles.length, 'article', 'articles')} such as ${articles[0].file}`);
    }
    for (const article of articles) {
      const absolute = urls.link.get(article)!;
      if (listed !== null && !pageLinks.has(urls.href.get(article)!)) problems.push(`${article.file}: missing from ${paths.digestWeek(week)}, the digest of its week`);
      if (html !== null && !emailLinks.has(absolute)) problems.push(`${article.file}: missing from ${paths.digestEmailHtml(week)}, the email edition of its week`);
      if (text !== null && !textLines.has(absolute)) problems.push(`${article.file}: missing from ${paths.digestEmailText(week)}, the email edition of its week`);
    }
  }
  const builtWeeks = built.namesIn('digest').filter((name) => WEEK_KEY.test(name));
  const articlePrefix = url('/articles/');
  for (const week of builtWeeks) {
    if (!weeks.has(week)) problems.push(`dist: ${paths.digestWeek(week)} is the digest of a week with no published article`);
    for (const listed of pageLinksOf(week) ?? []) {
      if (!listed.startsWith(articlePrefix)) continue;
      const source = bySlug.get(listed.slice(articlePrefix.length).replace(/\/$/, ''));
      if (!source || source.draft) problems.push(`${paths.digestWeek(week)}: lists ${listed}, which is not a published article`);
      else if (weekOf(source) !== week) problems.push(`${paths.digestWeek(week)}: lists ${source.file}, which is dated ${source.date}, outside the week`);
    }
  }
}

/**
 * Each author's pages list exactly their published articles, and their feed holds them (as
 * checkFeed checks a topic's): an article naming an author is on that author's pages and feed.
 */
function checkAuthors(plan: PagePlan, built: BuiltFiles, listing: (path: string) => Set<string>, feedProblems: ReadonlyMap<string, string[]>, problems: string[]): void {
  const { published, urls, publishedByHref } = plan;
  if (plan.authorsError) throw plan.authorsError;
  for (const { id, expected } of plan.authors) {
    const dir = `authors/${id}`;
    if (!built.exists(`${dir}/index.html`)) {
      problems.push(`dist: ${paths.author(id)}, the page of the author "${id}", is missing`);
    } else {
      const links = listing(dir);
      for (const article of expected) if (!links.has(urls.href.get(article)!)) problems.push(`${article.file}: not listed on the pages of its author "${id}"`);
      for (const listed of links) {
        if (listed.startsWith(url('/articles/')) && !publishedByHref.has(listed)) problems.push(`author "${id}": lists ${listed}, which is not a published article`);
      }
      for (const article of published) {
        if (!article.authors.includes(id) && links.has(urls.href.get(article)!)) problems.push(`author "${id}": lists ${article.file}, which does not name them`);
      }
    }
    problems.push(...feedProblems.get(id)!);
  }
}

/**
 * The news sitemap lists the articles of the newest two days (src/lib/news-sitemap.ts), at most
 * NEWS_URL_LIMIT of them; when more qualify, which ones it keeps is the build's choice.
 */
function checkNewsSitemap(listed: readonly string[], plan: PagePlan, built: BuiltDocuments, problems: string[]): void {
  const path = paths.newsSitemap();
  if (!built.exists(path)) {
    problems.push(`dist: ${path} is missing`);
    return;
  }
  const { due, dueLinks } = plan.news;
  const set = new Set(listed);
  if (set.size !== listed.length) problems.push(`${path}: lists an article more than once`);
  for (const loc of set) if (!dueLinks.has(loc)) problems.push(`${path}: lists ${loc}, which is not an article of the newest ${NEWS_DAYS} days`);
  if (due.length <= NEWS_URL_LIMIT) {
    for (const article of due) if (!set.has(plan.urls.link.get(article)!)) problems.push(`${article.file}: missing from ${path}`);
  } else if (set.size !== NEWS_URL_LIMIT) {
    problems.push(`${path}: lists ${set.size} of the ${due.length} articles of the newest ${NEWS_DAYS} days, not ${NEWS_URL_LIMIT}`);
  }
}

/**
 * Everything the page audit expects of the built site, worked out from content/ alone, so that
 * `npm run build` has its page audit do it while Astro renders (see planPageAudit).
 */
export interface PagePlan {
  contentDir: string;
  content: ContentScan;
  published: readonly ContentArticle[];
  drafts: readonly ContentArticle[];
  bySlug: ReadonlyMap<string, ContentArticle>;
  publishedByHref: ReadonlyMap<string, ContentArticle>;
  urls: ArticleUrls;
  /** topics.yaml's topics, or what reading it threw (the audit throws it when it gets there). */
  topics: readonly ContentTopic[];
  topicsError?: unknown;
  /** Each topic's published articles, its feed included. */
  topicArticles: ReadonlyMap<string, { expected: readonly ContentArticle[]; feed: FeedPlan }>;
  siteFeeds: readonly FeedPlan[];
  authors: readonly { id: string; expected: readonly ContentArticle[]; feed: FeedPlan }[];
  authorsError?: unknown;
  weeks: ReadonlyMap<string, ContentArticle[]>;
  weekOf: (article: ContentArticle) => string | undefined;
  news: { due: readonly ContentArticle[]; dueLinks: ReadonlySet<string> };
}

/** What the page audit expects of contentDir's site (see checkPages). */
export function planPageAudit(contentDir: string, content: ContentScan): PagePlan {
  const { articles } = content;
  const published = articles.filter((article) => !article.draft);
  const drafts = articles.filter((article) => article.draft);
  const urls: ArticleUrls = {
    href: new Map(articles.map((article) => [article, url(paths.article(article.slug))])),
    link: new Map(articles.map((article) => [article, absoluteUrl(paths.article(article.slug))])),
  };
  let topics: ContentTopic[] = [];
  let topicsError: unknown;
  try {
    topics = readContentTopics(contentDir);
  } catch (error) {
    topicsError = error;
  }
  const topicArticles = new Map(
    topics.map((topic) => {
      const expected = published.filter((article) => article.topics.includes(topic.slug));
      const archive = (year: number, month: number) => paths.topicRssArchive(topic.slug, year, month);
      return [topic.slug, { expected, feed: planFeed({ path: paths.topicRss(topic.slug), format: readRssFeed, archive }, expected, drafts, urls) }];
    }),
  );
  let authors: PagePlan['authors'] = [];
  let authorsError: unknown;
  try {
    authors = readContentAuthors(contentDir).map((id) => {
      const expected = published.filter((article) => article.authors.includes(id));
      const archive = (year: number, month: number) => paths.authorRssArchive(id, year, month);
      return { id, expected, feed: planFeed({ path: paths.authorRss(id), format: readRssFeed, archive }, expected, drafts, urls) };
    });
  } catch (error) {
    authorsError = error;
  }
  const weekOf = (article: ContentArticle) => {
    const date = parseIsoDate(article.date);
    return date ? weekKey(isoWeekOf(date)) : undefined;
  };
  const weeks = new Map<string, ContentArticle[]>();
  for (const article of published) {
    const week = weekOf(article);
    if (!week) continue;
    const list = weeks.get(week);
    if (list) list.push(article);
    else weeks.set(week, [article]);
  }
  const dated = published.flatMap((article) => {
    const date = parseIsoDate(article.date);
    return date ? [{ article, date }] : [];
  });
  dated.sort((a, b) => b.date.getTime() - a.date.getTime());
  const due = newsArticles(dated, Infinity).map(({ article }) => article);
  return {
    contentDir,
    content,
    published,
    drafts,
    bySlug: new Map(articles.map((article) => [article.slug, article])),
    publishedByHref: new Map(published.map((article) => [urls.href.get(article)!, article])),
    urls,
    topics,
    topicsError,
    topicArticles,
    siteFeeds: [
      planFeed({ path: paths.rss(), format: readRssFeed, archive: paths.rssArchive }, published, drafts, urls),
      planFeed({ path: paths.jsonFeed(), format: readJsonFeed, archive: paths.jsonFeedArchive }, published, drafts, urls),
    ],
    authors,
    authorsError,
    weeks,
    weekOf,
    news: { due, dueLinks: new Set(due.map((article) => urls.link.get(article)!)) },
  };
}

/** Everything but the search index: pages, listings, feeds and sitemap (see auditSearchIndex). */
export function auditPages({ contentDir, distDir, content = scanContentArticles(contentDir) }: AuditOptions): string[] {
  return checkPages(planPageAudit(contentDir, content), distDir);
}

/** The built site in distDir against what the plan expects of it. */
export function checkPages(plan: PagePlan, distDir: string): string[] {
  if (plan.topicsError) throw plan.topicsError;
  const read = checkDocuments(plan, new BuiltDocuments(distDir));
  return checkListing(plan, read, new BuiltFiles(distDir, listBuiltSite(distDir, SEARCH_INDEX_FOLDER)));
}

/** checkPages, with the site's folders listed by a worker thread while this one reads documents. */
export async function checkPagesAside(plan: PagePlan, distDir: string): Promise<string[]> {
  if (plan.topicsError) throw plan.topicsError;
  const listing = listBuiltSiteAside(distDir, SEARCH_INDEX_FOLDER);
  // Should the reading throw, the listing's end is of no interest.
  listing.catch(() => undefined);
  const read = checkDocuments(plan, new BuiltDocuments(distDir));
  return checkListing(plan, read, new BuiltFiles(distDir, await listing));
}

/** What checkDocuments found, each check's problems apart, for checkListing to put in order. */
interface DocumentFindings {
  pages: string[];
  articleFolders: string[];
  topicNames: string[];
  /** Each article page's entity links, or null without a page. */
  footers: Map<ContentArticle, string[] | null>;
  feeds: string[];
  digest: string[];
  authorFeeds: Map<string, string[]>;
  sitemap: string[];
  locs: string[] | null;
}

/** The checks of documents whose paths content/ gives: article pages, feeds, digests, sitemaps. */
function checkDocuments(plan: PagePlan, built: BuiltDocuments): DocumentFindings {
  const { contentDir, published, bySlug } = plan;

  // One page per published article, and no other article pages.
  const pages: string[] = [];
  const footers = new Map<ContentArticle, string[] | null>();
  for (const article of published) {
    const page = built.read(`articles/${article.slug}/index.html`);
    if (page === null) pages.push(`${article.file}: no page at ${paths.article(article.slug)}`);
    // An article with a lead image announces a crop of it, checked with its page; the others a card.
    if (!article.image && !built.exists(paths.ogImage(article.slug))) pages.push(`${article.file}: no preview image at ${paths.ogImage(article.slug)}`);
    footers.set(article, page === null ? null : page.length === 0 ? [] : (linksIn.entities(page) ?? []));
  }
  const articleFolders: string[] = [];
  for (const slug of built.namesIn('articles')) {
    const source = bySlug.get(slug);
    if (!source) articleFolders.push(`dist: ${paths.article(slug)} has no source in ${contentDir}/articles`);
    else if (source.draft) articleFolders.push(`${source.file}: draft was published at ${paths.article(slug)}`);
  }
  const topicNames: string[] = [];
  for (const article of published) {
    for (const slug of article.topics) {
      if (!plan.topicArticles.has(slug)) topicNames.push(`${article.file}: topics: "${slug}" has no topic pages`);
    }
  }

  // The site feed and the JSON Feed have exactly the published articles; each topic feed
  // exactly its articles, in their documents as src/lib/feeds.ts splits them (checkFeed).
  const feeds: string[] = [];
  for (const feed of plan.siteFeeds) checkFeed(feed, built, feeds);
  for (const topic of plan.topics) checkFeed(plan.topicArticles.get(topic.slug)!.feed, built, feeds);
  const digest: string[] = [];
  checkDigest(plan, built, digest);
  const authorFeeds = new Map<string, string[]>();
  for (const { id, feed } of plan.authors) {
    const problems: string[] = [];
    checkFeed(feed, built, problems);
    authorFeeds.set(id, problems);
  }

  // The sitemap index leads to every page once (checkListing), and only to pages that exist.
  // (Not reached when authors.yaml cannot be read: checkAuthors throws first.)
  const sitemap: string[] = [];
  let locs: string[] | null = null;
  if (!plan.authorsError) {
    const news: string[] = [];
    locs = sitemapLocs(built, sitemap, news);
    if (locs) checkNewsSitemap(news, plan, built, sitemap);
  }
  return { pages, articleFolders, topicNames, footers, feeds, digest, authorFeeds, sitemap, locs };
}

/** The checks that need the list of the site's files (listings, the sitemap's pages), and every problem in order. */
function checkListing(plan: PagePlan, found: DocumentFindings, built: BuiltFiles): string[] {
  const { published, drafts, bySlug, urls, topics } = plan;
  const problems: string[] = [...plan.content.problems, ...found.pages, ...found.articleFolders];
  const href = (article: ContentArticle) => urls.href.get(article)!;
  const listings = new Map<string, Set<string>>();
  const listing = (path: string) => {
    let links = listings.get(path);
    if (!links) listings.set(path, (links = listingLinks(built, path)));
    return links;
  };

  // Listed on every one of its topic pages; drafts on none.
  for (const topic of topics) {
    const links = listingLinks(built, `topics/${topic.slug}`);
    for (const article of plan.topicArticles.get(topic.slug)!.expected) {
      if (!links.has(href(article))) problems.push(`${article.file}: not listed on the "${topic.slug}" topic pages`);
    }
    for (const draft of drafts) if (links.has(href(draft))) problems.push(`${draft.file}: draft is listed on the "${topic.slug}" topic pages`);
  }
  problems.push(...found.topicNames);

  // Entity pages and article pages agree: an article naming an entity is listed on its pages.
  const entitiesPrefix = url(paths.entities());
  for (const article of published) {
    for (const entityHref of found.footers.get(article) ?? []) {
      if (!entityHref.startsWith(entitiesPrefix)) continue;
      const slug = entityHref.slice(entitiesPrefix.length).replace(/\/$/, '');
      if (!listing(`entities/${slug}`).has(href(article))) {
        problems.push(`${article.file}: names entity "${slug}" but is not listed on its pages`);
      }
    }
  }
  const articlesPrefix = url('/articles/');
  for (const slug of built.namesIn('entities', true)) {
    for (const listed of listing(`entities/${slug}`)) {
      if (!listed.startsWith(articlesPrefix)) continue;
      const source = bySlug.get(listed.slice(articlesPrefix.length).replace(/\/$/, ''));
      if (!source || source.draft) problems.push(`entity "${slug}": lists ${listed}, which is not a published article`);
    }
  }

  problems.push(...found.feeds, ...found.digest);
  checkAuthors(plan, built, listing, found.authorFeeds, problems);
  problems.push(...found.sitemap);
  if (found.locs) {
    const locs = found.locs;
    const listed = new Set(locs);
    if (listed.size !== locs.length) problems.push(`${paths.sitemap()}: its parts list ${locs.length - listed.size} URL(s) twice`);
    const pages = built.entries.filter((name) => name.endsWith('index.html')).map((name) => absoluteUrl(`/${name.replace(/index\.html$/, '')}`));
    for (const page of pages) if (!listed.has(page)) problems.push(`${paths.sitemap()}: missing ${page}`);
    const pageSet = new Set(pages);
    for (const loc of listed) if (!pageSet.has(loc)) problems.push(`${paths.sitemap()}: lists ${loc}, which has no page`);
  }
  return problems;
}

/** The parts the search page merges (its data-parts attribute), or null when there is no search page. */
function searchPageParts(distDir: string): string[] | null {
  const file = join(distDir, paths.search(), 'index.html');
  if (!existsSync(file)) return null;
  const match = /\sdata-parts="([^"]*)"/.exec(readFileSync(file, 'utf8'));
  return match ? match[1].split(/\s+/).filter(Boolean) : [];
}

/**
 * The search index holds exactly the published articles, each once, in the part the part scheme
 * gives it (src/lib/search-parts.ts), with its topic and year filters; the bundle holds exactly
 * those parts and the search page merges them all.
 */
export function auditSearchIndex({ contentDir, distDir, content = scanContentArticles(contentDir) }: AuditOptions): string[] {
  const problems: string[] = [];
  const published = content.articles.filter((article) => !article.draft);
  const href = (article: ContentArticle) => url(paths.article(article.slug));
  let parts: SearchPart[] = [];
  try {
    parts = searchParts(published);
  } catch (error) {
    problems.push(`content: ${(error as Error).message}`);
  }
  const partOf = new Map(parts.flatMap((part) => part.slugs.map((slug) => [slug, part.id])));
  const indexed = new Map<string, IndexedPage[]>();
  try {
    // Pagefind records URLs relative to the output folder, without the base path.
    for (const page of readPagefindPages(distDir)) indexed.set(url(page.url), [...(indexed.get(url(page.url)) ?? []), page]);
    const folders = readPagefindParts(distDir);
    for (const part of parts) if (!folders.includes(part.id)) problems.push(`search index: part ${part.id} (${countOf(part.slugs.length, 'article', 'articles')}) is missing from ${paths.pagefind()}`);
    for (const folder of folders) if (!parts.some((part) => part.id === folder)) problems.push(`search index: ${paths.pagefind()}${folder}/ is not a part of the published articles`);
  } catch (error) {
    problems.push(`dist: the Pagefind index cannot be read: ${(error as Error).message}`);
  }
  let topicNames = new Map<string, string>();
  try {
    topicNames = new Map(readContentTopics(contentDir).map((topic) => [topic.slug, topic.name]));
  } catch {
    // topics.yaml's own problems are the page audit's to report.
  }
  const same = (a: string[] = [], b: string[]) => a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index]);
  for (const article of published) {
    const found = indexed.get(href(article)) ?? [];
    if (found.length === 0) {
      problems.push(`${article.file}: missing from the search index`);
      continue;
    }
    if (found.length > 1) problems.push(`${article.file}: in the search index ${found.length} times (parts ${found.map((page) => page.part).join(', ')})`);
    const page = found[0];
    const expected = partOf.get(article.slug);
    if (expected && page.part !== expected) problems.push(`${article.file}: in search part ${page.part}, not ${expected}`);
    const year = article.date.slice(0, 4);
    if (!same(page.filters.year, [year])) problems.push(`${article.file}: search filter year is ${JSON.stringify(page.filters.year ?? [])}, not ["${year}"]`);
    const topics = article.topics.map((slug) => topicNames.get(slug) ?? slug);
    if (topicNames.size > 0 && !same(page.filters.topic, topics)) problems.push(`${article.file}: search filter topic is ${JSON.stringify(page.filters.topic ?? [])}, not ${JSON.stringify(topics)}`);
  }
  const articleUrls = new Set(published.map(href));
  for (const page of indexed.keys()) if (!articleUrls.has(page)) problems.push(`search index: holds ${page}, which is not a published article`);
  const listed = searchPageParts(distDir);
  const ids = parts.map((part) => part.id);
  if (listed !== null && listed.join(' ') !== ids.join(' ')) problems.push(`${paths.search()}: merges search parts "${listed.join(' ')}", not "${ids.join(' ')}"`);
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

/** The memo of readings in the build cache (scripts/lib/parse-memo.ts). */
const MEMO_FILE = 'audit-memo.v8';

/** The line `npm run build` reads from `node scripts/audit.ts --pages <dir>`: the problems as JSON. */
export const PAGE_AUDIT_PREFIX = 'page-audit: ';
/** What `npm run build` writes to an audit started with --after-stdin once the pages are built. */
export const AUDIT_GO = 'go';
/** What such an audit writes to its standard error once content/ is read and it waits. */
export const AUDIT_WAITING = 'audit: content read; waiting for the pages';

const USAGE = 'usage: npm run audit -- [<built site folder>]   (default: OUT_DIR, else dist)';

/** The command line: the built site's folder, and the two options `npm run build` gives its page audit. */
function parseCommandLine(argv: string[]): { distDir: string; pages: boolean; afterStdin: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { pages: { type: 'boolean', default: false }, 'after-stdin': { type: 'boolean', default: false } },
  });
  if (positionals.length > 1) throw new Error(`give one built site folder, not ${positionals.length}`);
  return { distDir: positionals[0] ?? process.env.OUT_DIR ?? 'dist', pages: values.pages, afterStdin: values['after-stdin'] };
}

if (import.meta.main) {
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`audit: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const { distDir } = args;
  if (args.pages) {
    // scripts/build.ts runs this in its own process beside Pagefind, so its memory is gone when
    // Pagefind's peaks. With --after-stdin it reads content/, works out what the site must hold
    // and loads the memo at once (while Astro renders), and audits the pages once its standard
    // input says "go"; input that ends without it means the build stopped, and there is nothing
    // to audit.
    const plan = planPageAudit(site.contentDir, scanContentArticles(site.contentDir));
    memo = ParseMemo.open(join(buildCacheDir(), MEMO_FILE));
    if (args.afterStdin) {
      console.error(AUDIT_WAITING);
      let input = '';
      process.stdin.setEncoding('utf8').on('data', (chunk: string) => (input += chunk));
      await new Promise((resolve) => process.stdin.on('end', resolve));
      if (input.trim() !== AUDIT_GO) {
        console.error('audit: the build stopped before its pages were ready; nothing audited');
        process.exit(2);
      }
    }
    console.log(`${PAGE_AUDIT_PREFIX}${JSON.stringify(await checkPagesAside(plan, distDir))}`);
    memo.save();
  } else {
    const problems = auditSite({ contentDir: site.contentDir, distDir });
    if (problems.length > 0) {
      console.error(`audit: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
      process.exitCode = 1;
    } else {
      console.log('audit: every published article is on its page, topic, entity and author pages, feeds, weekly digest, sitemap and search index; no draft leaked');
    }
  }
}
