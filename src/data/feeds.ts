/**
 * The site's feeds, built once per build from the model: entries are made once per article and
 * shared by the site feed, every topic feed and the JSON Feed. archivedFeed() splits each into
 * its documents and dates each by its own entries.
 */
import rss from '@astrojs/rss';
import { getSiteModel } from './site-model.ts';
import { archivedFeed, ATOM_NS, FEED_HISTORY_NS, feedEntry, jsonFeed, MEDIA_NS, rssChannelExtras, rssItemExtras, type ArchivedFeed, type FeedArchive, type FeedChannel, type FeedEntry } from '../lib/feeds.ts';
import { digestFeedEntry } from '../lib/digest-feed.ts';
import { feedImage } from '../lib/lead-image.ts';
import { site } from '../lib/site.ts';
import { absoluteUrl, monthParams, paths, url } from '../lib/urls.ts';

export interface Feeds {
  site: ArchivedFeed;
  json: ArchivedFeed;
  /** Every topic's feed, by topic slug. */
  topics: ReadonlyMap<string, ArchivedFeed>;
  /** The weekly digest, one entry per finished week, as RSS and as JSON Feed. */
  digest: ArchivedFeed;
  digestJson: ArchivedFeed;
  /** Every author's feed, by author id. */
  authors: ReadonlyMap<string, ArchivedFeed>;
}

let feeds: Promise<Feeds> | undefined;

async function load(): Promise<Feeds> {
  const model = await getSiteModel();
  const entries = new Map<string, FeedEntry>(
    model.articles.map((article) => [article.slug, feedEntry(article, article.image && feedImage(article.image.src as Parameters<typeof feedImage>[0]))]),
  );
  const siteChannel: FeedChannel = {
    title: site.title,
    description: site.description,
    homeUrl: absoluteUrl(paths.home()),
    feedUrl: absoluteUrl(paths.rss()),
    entries: [...entries.values()],
  };
  const topics = new Map<string, ArchivedFeed>(
    model.topics.map((topic) => [
      topic.slug,
      archivedFeed(
        {
          title: `${site.title}: ${topic.name}`,
          description: topic.description,
          homeUrl: absoluteUrl(paths.topic(topic.slug)),
          feedUrl: absoluteUrl(paths.topicRss(topic.slug)),
          entries: topic.articles.map((article) => entries.get(article.slug)!),
        },
        (year, month) => absoluteUrl(paths.topicRssArchive(topic.slug, year, month)),
        site.feedItems,
      ),
    ]),
  );
  const digestChannel: FeedChannel = {
    title: `${site.title}: weekly digest`,
    description: `Every week's articles of ${site.title} in one item, grouped by topic, once the week is over.`,
    homeUrl: absoluteUrl(paths.digest()),
    feedUrl: absoluteUrl(paths.digestRss()),
    entries: model.weeks.filter((week) => week.over).map(digestFeedEntry),
  };
  const authors = new Map<string, ArchivedFeed>(
    model.authors.map((author) => [
      author.id,
      archivedFeed(
        {
          title: `${site.title}: ${author.name}`,
          description: `Articles by ${author.name}, ${author.role}.`,
          homeUrl: absoluteUrl(paths.author(author.id)),
          feedUrl: absoluteUrl(paths.authorRss(author.id)),
          entries: author.articles.map((article) => entries.get(article.slug)!),
        },
        (year, month) => absoluteUrl(paths.authorRssArchive(author.id, year, month)),
        site.feedItems,
      ),
    ]),
  );
  return {
    digest: archivedFeed(digestChannel, (year, month) => absoluteUrl(paths.digestRssArchive(year, month)), site.feedItems),
    digestJson: archivedFeed(
      { ...digestChannel, feedUrl: absoluteUrl(paths.digestJsonFeed()) },
      (year, month) => absoluteUrl(paths.digestJsonFeedArchive(year, month)),
      site.feedItems,
    ),
    site: archivedFeed(siteChannel, (year, month) => absoluteUrl(paths.rssArchive(year, month)), site.feedItems),
    json: archivedFeed(
      { ...siteChannel, feedUrl: absoluteUrl(paths.jsonFeed()) },
      (year, month) => absoluteUrl(paths.jsonFeedArchive(year, month)),
      site.feedItems,
    ),
    topics,
    authors,
  };
}

/** The routes of a feed's archive documents: the month as parameters, the document as props. */
export function archiveRoutes(feed: ArchivedFeed): { params: { year: string; month: string }; props: { archive: FeedArchive } }[] {
  return feed.archives.map((archive) => ({ params: monthParams(archive.year, archive.month), props: { archive } }));
}

export function getFeeds(): Promise<Feeds> {
  feeds ??= load();
  return feeds;
}

/** A JSON Feed 1.1 response for a channel. */
export function jsonFeedResponse(channel: FeedChannel): Response {
  return new Response(JSON.stringify(jsonFeed(channel), null, 1), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
}

/** An RSS 2.0 response for a channel, with full text, categories and a stylesheet for browsers. */
export function rssResponse(channel: FeedChannel): Promise<Response> {
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.homeUrl,
    stylesheet: url(paths.rssStylesheet()),
    xmlns: { atom: ATOM_NS, fh: FEED_HISTORY_NS, media: MEDIA_NS },
    customData: rssChannelExtras(channel),
    items: channel.entries.map((entry) => ({
      title: entry.title,
      link: entry.url,
      pubDate: entry.published,
      description: entry.summary,
      content: entry.contentHtml,
      categories: entry.categories,
      ...(entry.image ? { enclosure: { url: entry.image.url, length: entry.image.length, type: entry.image.type }, customData: rssItemExtras(entry) } : {}),
    })),
  });
}
