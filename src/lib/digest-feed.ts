/**
 * The digest feeds' entries: one per finished week, whose content is the week's digest (lead,
 * introduction, and each topic's titles, dates and summaries linked to the articles). The
 * entries go through the same feed documents and monthly archives as every other feed
 * (src/lib/feeds.ts).
 */
import { displayDate } from './dates.ts';
import type { FeedEntry } from './feeds.ts';
import { absolutizeUrls } from './sanitize.ts';
import { absoluteUrl, paths } from './urls.ts';
import type { DigestWeek } from './weekly-digest.ts';
import { escapeXml } from './xml.ts';

/** The week's digest as an HTML fragment with absolute URLs, for a feed reader. */
export function digestContentHtml(week: DigestWeek): string {
  const base = absoluteUrl(paths.digestWeek(week.key));
  const parts = [`<p>${escapeXml(week.lead)}</p>`];
  if (week.introduction) parts.push(absolutizeUrls(week.introduction, base));
  for (const { topic, articles } of week.topics) {
    parts.push(`<h2>${escapeXml(topic.name)}</h2>`, '<ul>');
    for (const article of articles) {
      const href = escapeXml(absoluteUrl(paths.article(article.slug)));
      parts.push(`<li><a href="${href}">${escapeXml(article.title)}</a> (${displayDate(article.date)})<br>${escapeXml(article.summary)}</li>`);
    }
    parts.push('</ul>');
  }
  return parts.join('');
}

/** A finished week as an entry of the digest feeds. */
export function digestFeedEntry(week: DigestWeek): FeedEntry {
  const url = absoluteUrl(paths.digestWeek(week.key));
  return {
    id: url,
    url,
    title: `${week.title}: ${week.dates}`,
    summary: week.lead,
    contentHtml: digestContentHtml(week),
    published: week.published,
    modified: week.updated,
    categories: week.topics.map(({ topic }) => topic.name),
  };
}
