/**
 * The site's feeds, built once per build from the model: entries are made once per article and
 * shared by the site feed, every topic feed and the JSON Feed.
 */
import rss from '@astrojs/rss';
import { getSiteModel } from './site-model.ts';
import { lastChanged } from '../lib/model.ts';
import { feedEntry, rssChannelExtras, type FeedChannel, type FeedEntry } from '../lib/feeds.ts';
import { site } from '../lib/site.ts';
import { absoluteUrl, paths, url } from '../lib/urls.ts';
import { beginSpan } from '../integrations/build-timings.ts';

export interface Feeds {
  site: FeedChannel;
  json: FeedChannel;
  topic(slug: string): FeedChannel | undefined;
}

let feeds: Promise<Feeds> | undefined;

async function load(): Promise<Feeds> {
  const model = await getSiteModel();
  const entries = new Map<string, FeedEntry>(model.articles.map((article) => [article.slug, feedEntry(article)]));
  const siteChannel: FeedChannel = {
    title: site.title,
    description: site.description,
    homeUrl: absoluteUrl(paths.home()),
    feedUrl: absoluteUrl(paths.rss()),
    entries: [...entries.values()],
    updated: lastChanged(model.articles),
  };
  const topics = new Map<string, FeedChannel>(
    model.topics.map((topic) => [
      topic.slug,
      {
        title: `${site.title}: ${topic.name}`,
        description: topic.description,
        homeUrl: absoluteUrl(paths.topic(topic.slug)),
        feedUrl: absoluteUrl(paths.topicRss(topic.slug)),
        entries: topic.articles.map((article) => entries.get(article.slug)!),
        updated: lastChanged(topic.articles),
      },
    ]),
  );
  return {
    site: siteChannel,
    json: { ...siteChannel, feedUrl: absoluteUrl(paths.jsonFeed()) },
    topic: (slug) => topics.get(slug),
  };
}

export function getFeeds(): Promise<Feeds> {
  feeds ??= load();
  return feeds;
}

/** Renders a feed endpoint and adds its time to the build's `feeds` phase (scripts/astro-build.ts prints it). */
export async function timedFeed(render: () => Promise<Response>): Promise<Response> {
  const end = beginSpan('feeds');
  try {
    return await render();
  } finally {
    end();
  }
}

/** An RSS 2.0 response for a channel, with full text, categories and a stylesheet for browsers. */
export function rssResponse(channel: FeedChannel): Promise<Response> {
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.homeUrl,
    stylesheet: url(paths.rssStylesheet()),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: rssChannelExtras(channel),
    items: channel.entries.map((entry) => ({
      title: entry.title,
      link: entry.url,
      pubDate: entry.published,
      description: entry.summary,
      content: entry.contentHtml,
      categories: entry.categories,
    })),
  });
}
