/**
 * Site settings: the one place for the site's name, language and address.
 * astro.config.mjs, pages, feeds and search all read these values.
 * SITE_URL and BASE_PATH let one build be hosted anywhere without editing code.
 */
function normaliseBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

const env = typeof process === 'undefined' ? {} : process.env;

export const site = {
  title: 'Tech Policy Wire',
  tagline: 'Short news on technology policy',
  description:
    'Short, sourced news on technology policy: chips, telecoms, satellites, platforms and AI.',
  lang: 'en',
  locale: 'en_GB',
  /** Origin the site is served from, used for canonical URLs and feeds. */
  url: (env.SITE_URL ?? 'https://techpolicywire.example').replace(/\/+$/, ''),
  /** Path the site lives under; '/' at the root of a host, '/news/' under a sub-path. */
  base: normaliseBase(env.BASE_PATH ?? '/'),
  /** Folder holding articles/ and topics.yaml; CONTENT_DIR points a build at another one (tests, benchmarks). */
  contentDir: (env.CONTENT_DIR ?? 'content').replace(/\/+$/, ''),
  /** Articles per topic page. */
  pageSize: 20,
  /**
   * Articles per entity page. Larger than topic pages: a country or a big company is named in
   * a large share of all articles, and 50 a page keeps its listing to a few pages of reading
   * (and a 10,000-article archive to about 2,600 entity pages instead of 6,400).
   */
  entityPageSize: 50,
  /** Articles shown on the home page. */
  homeCount: 20,
  /**
   * Articles in each subscription feed (rss.xml, feed.json, each topic's rss.xml). Every older
   * article is in the feed's monthly archive documents (RFC 5005), which the subscription feed
   * links to: a feed reader polls a feed of this many items, not of the whole archive.
   */
  feedItems: 50,
  /**
   * Whether "/" puts the cursor in the search box from any page. Its listener (under 300 bytes)
   * is the only script outside the search page: turn it off for pages that load no JavaScript
   * at all. SEARCH_SHORTCUT=off does the same for one build.
   */
  searchShortcut: env.SEARCH_SHORTCUT !== 'off',
} as const;

export type Site = typeof site;
export { normaliseBase };
