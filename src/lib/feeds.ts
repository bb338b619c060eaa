/**
 * Feed entries for the RSS feeds and the JSON Feed, from the one article model. Every feed
 * (the site's, each topic's, JSON) maps the same entries, so they cannot disagree.
 */
import type { Article } from './model.ts';
import { absolutizeUrls } from './sanitize.ts';
import { site } from './site.ts';
import { escapeXml } from './xml.ts';
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
  /** When its newest entry last changed: the lastBuildDate, so two builds of the same content match. */
  updated?: Date;
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

/** Channel elements @astrojs/rss does not write itself: language, lastBuildDate, atom:link rel=self. */
export function rssChannelExtras(channel: FeedChannel): string {
  return [
    `<language>${site.lang}</language>`,
    channel.updated ? `<lastBuildDate>${channel.updated.toUTCString()}</lastBuildDate>` : '',
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
