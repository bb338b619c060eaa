/**
 * Every URL the site emits is built here, so a sub-path deployment (BASE_PATH)
 * and the canonical origin (SITE_URL) are honoured everywhere at once.
 */
import { site } from './site.ts';

/** Joins a site-relative path ('/topics/ai/') onto the base path. */
export function url(path = '/', base: string = site.base): string {
  const clean = path.replace(/^\/+/, '');
  return `${base}${clean}`;
}

/** The absolute URL of a site-relative path, for feeds, canonical links and sitemaps. */
export function absoluteUrl(path = '/', origin: string = site.url, base: string = site.base): string {
  return new URL(url(path, base), `${origin}/`).href;
}

/** A month's route parameters and path segments: { year: '2024', month: '05' }. */
export function monthParams(year: number, month: number): { year: string; month: string } {
  return { year: String(year), month: String(month).padStart(2, '0') };
}

const monthPath = (year: number, month: number) => {
  const params = monthParams(year, month);
  return `${params.year}/${params.month}`;
};

/** The email edition's files in a week's folder: sent by mail, so kept out of the sitemap and search. */
const DIGEST_EMAIL = { html: 'email.html', text: 'email.txt' } as const;

/** Whether a site path is a week's email edition ('/digest/2024-W47/email.html' or its text twin). */
export function isDigestEmailPath(path: string): boolean {
  return /(^|\/)digest\/\d{4}-W\d{2}\/email\.(html|txt)$/.test(path);
}

const SITEMAP_PART = { before: '/sitemap-', after: '.xml' };

/** Site-relative paths of every route; pass them through url() or absoluteUrl(). */
export const paths = {
  home: () => '/',
  article: (slug: string) => `/articles/${slug}/`,
  topics: () => '/topics/',
  topic: (slug: string, page = 1) => (page > 1 ? `/topics/${slug}/${page}/` : `/topics/${slug}/`),
  entities: () => '/entities/',
  entity: (slug: string, page = 1) => (page > 1 ? `/entities/${slug}/${page}/` : `/entities/${slug}/`),
  authors: () => '/authors/',
  author: (id: string, page = 1) => (page > 1 ? `/authors/${id}/${page}/` : `/authors/${id}/`),
  authorRss: (id: string) => `/authors/${id}/rss.xml`,
  authorRssArchive: (id: string, year: number, month: number) => `/authors/${id}/archive/${monthPath(year, month)}/rss.xml`,
  archive: () => '/archive/',
  archiveMonth: (year: number, month: number) => `/archive/${monthPath(year, month)}/`,
  search: (query?: string) => (query ? `/search/?q=${encodeURIComponent(query)}` : '/search/'),
  rss: () => '/rss.xml',
  rssStylesheet: () => '/rss.xsl',
  jsonFeed: () => '/feed.json',
  topicRss: (slug: string) => `/topics/${slug}/rss.xml`,
  /** A month's archive document of the site feed (RFC 5005). */
  rssArchive: (year: number, month: number) => `/archive/${monthPath(year, month)}/rss.xml`,
  jsonFeedArchive: (year: number, month: number) => `/archive/${monthPath(year, month)}/feed.json`,
  topicRssArchive: (slug: string, year: number, month: number) => `/topics/${slug}/archive/${monthPath(year, month)}/rss.xml`,
  feeds: () => '/feeds/',
  /** The weekly digest: its index, a week's page ('2024-W47') and email edition, and its feeds. */
  digest: () => '/digest/',
  digestWeek: (week: string) => `/digest/${week}/`,
  digestEmailHtml: (week: string) => `/digest/${week}/${DIGEST_EMAIL.html}`,
  digestEmailText: (week: string) => `/digest/${week}/${DIGEST_EMAIL.text}`,
  digestRss: () => '/digest/rss.xml',
  digestJsonFeed: () => '/digest/feed.json',
  digestRssArchive: (year: number, month: number) => `/digest/archive/${monthPath(year, month)}/rss.xml`,
  digestJsonFeedArchive: (year: number, month: number) => `/digest/archive/${monthPath(year, month)}/feed.json`,
  /** The sitemap index, and each of its parts (src/lib/sitemap.ts), which must sit beside it. */
  sitemap: () => '/sitemap.xml',
  sitemapPart: (name: string) => `${SITEMAP_PART.before}${name}${SITEMAP_PART.after}`,
  /** The Google News sitemap (src/lib/news-sitemap.ts), beside the index that lists it. */
  newsSitemap: () => `${SITEMAP_PART.before}news${SITEMAP_PART.after}`,
  pagefind: () => '/pagefind/',
  ogImage: (slug: string) => `/og/${slug}.png`,
} as const;

/** Whether a site path is named like a sitemap part ('/sitemap-pages.xml'), for checks of the output. */
export function isSitemapPartPath(path: string): boolean {
  const { before, after } = SITEMAP_PART;
  return path.length > before.length + after.length && path.startsWith(before) && path.endsWith(after);
}
