/**
 * Feed entries for the RSS feeds and the JSON Feed, from the one article model. Every feed
 * (the site's, each topic's, JSON) maps the same entries, so they cannot disagree.
 *
 * Each feed is a subscription document with the newest entries and one archive document per
 * earlier month holding every entry of that month (RFC 5005, "Feed Paging and Archiving",
 * section 4). A reader polls a short document; every article is still in the feed.
 */
import { monthLabel } from './archive.ts';
import { monthOf } from './dates.ts';
import { lastChanged, type Article } from './model.ts';
import { absolutizeUrls } from './sanitize.ts';
import { site } from './site.ts';
import { escapeXml } from './xml.ts';
import type { FeedImage } from './lead-image.ts';
import { absoluteUrl, paths } from './urls.ts';

export interface FeedEntry {
  /** Permanent id: the article's canonical URL, which never changes because slugs are stable. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Sanitised body with every URL absolute, ready for a feed reader. */
  contentHtml: string;
  published: Date;
  modified?: Date;
  categories: string[];
  /** The lead image, with its address absolute. */
  image?: Omit<FeedImage, 'path'> & { url: string };
}

/** A feed document's place among its feed's documents (RFC 5005 archived feeds). */
export interface FeedHistory {
  /** An archive document (fh:archive): one closed month's entries, all of them. */
  archive: boolean;
  /** The subscription document, from an archive document (rel="current"). */
  current?: string;
  /** The next older archive document (rel="prev-archive"; JSON Feed's next_url). */
  prevArchive?: string;
  /** The next newer archive document (rel="next-archive"). */
  nextArchive?: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page the feed mirrors. */
  homeUrl: string;
  /** The feed's own absolute URL. */
  feedUrl: string;
  entries: readonly FeedEntry[];
  /** When its newest entry last changed: the lastBuildDate, so two builds of the same content match. */
  updated?: Date;
  history?: FeedHistory;
}

/** One month's archive document of a feed. */
export interface FeedArchive extends FeedChannel {
  year: number;
  /** 1–12 */
  month: number;
}

/** A feed's documents: the subscription document, and its archive documents newest first. */
export interface ArchivedFeed {
  subscription: FeedChannel;
  archives: FeedArchive[];
}

/** When the newest change among `entries` was made: a document's lastBuildDate. */
function newestChange(entries: readonly FeedEntry[]): Date | undefined {
  return lastChanged(entries.map((entry) => ({ date: entry.published, updated: entry.modified })));
}

/**
 * Splits a feed (entries newest first) as RFC 5005 section 4 asks. The month of the newest entry
 * is still open: its entries are all in the subscription document, which also holds older ones
 * up to `limit` entries. Every earlier month is closed and has an archive document, linked both
 * ways, whose entries do not change as new articles are published, so a reader that has fetched
 * it once need not again. (An article dated into a closed month, or edited there, changes that
 * archive: the feeds know when an article is dated, not when it was added. And an article dated
 * in the future keeps its month open, and the months before it closed, until then.)
 */
export function archivedFeed(feed: FeedChannel, archiveUrl: (year: number, month: number) => string, limit: number): ArchivedFeed {
  const months: { year: number; month: number; entries: FeedEntry[] }[] = [];
  const open = feed.entries[0] ? monthOf(feed.entries[0].published) : undefined;
  let openCount = 0;
  for (const entry of feed.entries) {
    const { year, month } = monthOf(entry.published);
    const outOfOrder = () => new Error(`archivedFeed: ${feed.feedUrl}: entries are not newest first (${entry.url})`);
    if (year === open?.year && month === open.month) {
      if (months.length > 0) throw outOfOrder();
      openCount += 1;
      continue;
    }
    let current = months.at(-1);
    if (!current || current.year !== year || current.month !== month) {
      const previous = current ?? open!;
      if (year * 12 + month > previous.year * 12 + previous.month) throw outOfOrder();
      current = { year, month, entries: [] };
      months.push(current);
    }
    current.entries.push(entry);
  }
  const urls = months.map(({ year, month }) => archiveUrl(year, month));
  const archives = months.map(
    ({ year, month, entries }, index): FeedArchive => ({
      ...feed,
      title: `${feed.title} (archive, ${monthLabel(month)} ${year})`,
      feedUrl: urls[index],
      entries,
      updated: newestChange(entries),
      year,
      month,
      history: { archive: true, current: feed.feedUrl, prevArchive: urls[index + 1], nextArchive: urls[index - 1] },
    }),
  );
  const entries = feed.entries.slice(0, Math.max(openCount, limit));
  const subscription: FeedChannel = { ...feed, entries, updated: newestChange(entries), history: { archive: false, prevArchive: urls[0] } };
  return { subscription, archives };
}

/** `image`: the article's lead image as the data layer found it (feedImage). */
export function feedEntry(article: Article, image?: FeedImage): FeedEntry {
  const url = absoluteUrl(paths.article(article.slug));
  return {
    id: url,
    url,
    title: article.title,
    summary: article.summary,
    contentHtml: absolutizeUrls(article.html, url),
    published: article.date,
    modified: article.updated,
    categories: article.topics.map((topic) => topic.name),
    ...(image ? { image: { url: absoluteUrl(image.path), type: image.type, length: image.length, width: image.width, height: image.height } } : {}),
  };
}

/** The namespace of Media RSS, whose media:content names an item's image. */
export const MEDIA_NS = 'http://search.yahoo.com/mrss/';

/** An RSS item's media:content for its image. */
export function rssItemExtras(entry: FeedEntry): string | undefined {
  const image = entry.image;
  if (!image) return undefined;
  return `<media:content url="${escapeXml(image.url)}" medium="image" type="${escapeXml(image.type)}" fileSize="${image.length}" width="${image.width}" height="${image.height}"/>`;
}

/** The namespace of atom:link (RFC 4287), which RSS feeds borrow for their links. */
export const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** The namespace of RFC 5005's fh:archive element. */
export const FEED_HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/**
 * Channel elements @astrojs/rss does not write itself: language, lastBuildDate, atom:link
 * rel=self, and RFC 5005's archive links (namespaces atom and fh, declared by the caller).
 */
export function rssChannelExtras(channel: FeedChannel): string {
  const link = (rel: string, href: string | undefined) =>
    href ? `<atom:link href="${escapeXml(href)}" rel="${rel}" type="application/rss+xml"/>` : '';
  const history = channel.history;
  return [
    `<language>${site.lang}</language>`,
    channel.updated ? `<lastBuildDate>${channel.updated.toUTCString()}</lastBuildDate>` : '',
    link('self', channel.feedUrl),
    history?.archive ? '<fh:archive/>' : '',
    link('current', history?.current),
    link('prev-archive', history?.prevArchive),
    link('next-archive', history?.nextArchive),
  ].join('');
}

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function jsonFeed(channel: FeedChannel): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    // The feed's identity, the same on every one of its documents.
    feed_url: channel.history?.current ?? channel.feedUrl,
    ...(channel.history?.prevArchive ? { next_url: channel.history.prevArchive } : {}),
    description: channel.description,
    language: site.lang,
    icon: absoluteUrl('/favicon.svg'),
    items: channel.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      date_published: entry.published.toISOString(),
      ...(entry.modified ? { date_modified: entry.modified.toISOString() } : {}),
      tags: entry.categories,
      ...(entry.image ? { image: entry.image.url } : {}),
    })),
  };
}
