/**
 * The Google News sitemap (/sitemap-news.xml): the articles of the last two days, each with the
 * `news:` elements Google reads (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * the publication's name and language, the publication date and the title; at most 1,000 URLs.
 *
 * "The last two days" are counted back from the newest article's date, not from the clock, so
 * two builds of the same content are identical: the newest article's day and the day before.
 * A site that publishes daily keeps a full news sitemap; one that has been quiet still names its
 * latest news. Articles are dated by day, so each is published at midnight UTC of its date.
 */
import { isoDay } from './dates.ts';
import { site } from './site.ts';
import { SITEMAP_NAMESPACE } from './sitemap-protocol.ts';
import { absoluteUrl, paths } from './urls.ts';
import { escapeXml } from './xml.ts';

/** The namespace of the news: elements. */
export const NEWS_NAMESPACE = 'http://www.google.com/schemas/sitemap-news/0.9';
/** Google reads at most this many news: entries in one news sitemap. */
export const NEWS_URL_LIMIT = 1000;
/** Calendar days a news sitemap covers, the newest article's day included. */
export const NEWS_DAYS = 2;

const DAY_MS = 86_400_000;

/**
 * The articles a news sitemap lists: those dated within NEWS_DAYS of the newest one, newest
 * first, at most `limit`. `articles` must be newest first (as the model holds them).
 */
export function newsArticles<T extends { date: Date }>(articles: readonly T[], limit = NEWS_URL_LIMIT): T[] {
  const newest = articles[0]?.date;
  if (!newest) return [];
  const first = newest.getTime() - (NEWS_DAYS - 1) * DAY_MS;
  const recent: T[] = [];
  for (const article of articles) {
    if (article.date.getTime() > newest.getTime()) throw new Error(`newsArticles: articles are not newest first (${isoDay(article.date)} after ${isoDay(newest)})`);
    if (article.date.getTime() < first || recent.length === limit) break;
    recent.push(article);
  }
  return recent;
}

/** The language code Google asks for: ISO 639 ("en"), or zh-cn / zh-tw for Chinese. */
export function newsLanguage(lang: string = site.lang): string {
  const lower = lang.toLowerCase();
  if (lower === 'zh-cn' || lower === 'zh-tw') return lower;
  return lower.split('-')[0];
}

/** The <urlset> of the news sitemap. */
export function newsSitemapXml(articles: readonly { slug: string; title: string; date: Date }[]): string {
  const publication = `<news:publication><news:name>${escapeXml(site.title)}</news:name><news:language>${newsLanguage()}</news:language></news:publication>`;
  const urls = articles.map(
    (article) =>
      `<url><loc>${escapeXml(absoluteUrl(paths.article(article.slug)))}</loc><news:news>${publication}<news:publication_date>${isoDay(article.date)}</news:publication_date><news:title>${escapeXml(article.title)}</news:title></news:news></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:news="${NEWS_NAMESPACE}">\n${urls.join('\n')}\n</urlset>\n`;
}
