/**
 * Feed entries for the RSS feeds and the JSON Feed, from the one article model. Every feed
 * (the site's, each topic's, JSON) maps the same entries, so they cannot disagree.
 */
import type { Article } from './model.ts';
import { absolutizeUrls } from './sanitize.ts';
import { site } from './site.ts';
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
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page the feed mirrors. */
  homeUrl: string;
  /** The feed's own absolute URL. */
  feedUrl: string;
  entries: readonly FeedEntry[];
}

export function feedEntry(article: Article): FeedEntry {
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
  };
}

/** The newest date in a feed, used as its lastBuildDate so two builds of the same content match. */
export function lastChange(entries: readonly FeedEntry[]): Date | undefined {
  let newest: Date | undefined;
  for (const entry of entries) {
    const changed = entry.modified ?? entry.published;
    if (!newest || changed > newest) newest = changed;
  }
  return newest;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Channel elements @astrojs/rss does not write itself: language, lastBuildDate, atom:link rel=self. */
export function rssChannelExtras(channel: FeedChannel): string {
  const changed = lastChange(channel.entries);
  return [
    `<language>${site.lang}</language>`,
    changed ? `<lastBuildDate>${changed.toUTCString()}</lastBuildDate>` : '',
    `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
  ].join('');
}

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function jsonFeed(channel: FeedChannel): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrl,
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
    })),
  };
}
