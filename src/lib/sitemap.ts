/**
 * The sitemap: every public page once, with lastmod taken from article dates (never the build
 * time, so two builds of the same content are identical).
 *
 * /sitemap.xml is a sitemap index. The protocol allows at most 50,000 URLs in one sitemap file,
 * which a newsroom's archive passes at a few tens of thousands of articles (every article, topic
 * page and entity page is a URL), so the URLs are in parts: one for the site's other pages and
 * one per year of articles. A year's part stops changing once the year is over (bar corrections),
 * and its lastmod in the index says so, so a crawler need not fetch it again. The parts sit
 * beside the index: the protocol lets a sitemap list only URLs under its own folder.
 */
import { lastChanged, type SiteModel } from './model.ts';
import { escapeXml } from './xml.ts';
import type { ArchiveYear } from './archive.ts';
import { isoDay } from './dates.ts';
import { entityPages, topicPages } from './listings.ts';
import { authorPages } from './authors.ts';
import { absoluteUrl, paths } from './urls.ts';
import { SITEMAP_NAMESPACE, SITEMAP_URL_LIMIT } from './sitemap-protocol.ts';

export interface SitemapEntry {
  path: string;
  lastmod?: Date;
}

/** One sitemap file of the index: its name in paths.sitemapPart() and its URLs. */
export interface SitemapPart {
  name: string;
  entries: SitemapEntry[];
}

/** Pages that are not articles: home, indexes, topic, entity, author, archive and weekly digest pages. */
function pageEntries(model: SiteModel, archive: readonly ArchiveYear[]): SitemapEntry[] {
  const latest = lastChanged(model.articles);
  const entries: SitemapEntry[] = [
    { path: paths.home(), lastmod: latest },
    { path: paths.topics(), lastmod: latest },
    { path: paths.search() },
    { path: paths.feeds(), lastmod: latest },
    { path: paths.entities(), lastmod: latest },
    { path: paths.archive(), lastmod: latest },
    { path: paths.digest(), lastmod: latest },
  ];
  // A week's page; its email edition is for mail, not for crawlers, and stays out.
  for (const week of model.weeks) entries.push({ path: paths.digestWeek(week.key), lastmod: lastChanged(week.articles) });
  for (const topic of model.topics) {
    for (const page of topicPages(topic)) {
      entries.push({ path: paths.topic(topic.slug, page.number), lastmod: lastChanged(page.items) });
    }
  }
  for (const entity of model.entities) {
    for (const page of entityPages(entity)) {
      entries.push({ path: paths.entity(entity.slug, page.number), lastmod: lastChanged(page.items) });
    }
  }
  entries.push({ path: paths.authors(), lastmod: latest });
  for (const author of model.authors) {
    for (const page of authorPages(author)) {
      entries.push({ path: paths.author(author.id, page.number), lastmod: lastChanged(page.items) });
    }
  }
  for (const year of archive) {
    for (const month of year.months) {
      entries.push({ path: paths.archiveMonth(month.year, month.month), lastmod: lastChanged(month.articles) });
    }
  }
  return entries;
}

/**
 * The sitemap's parts: "pages", then "articles-<year>" for each year of publication, newest
 * year first. A part over `limit` URLs is cut into "<name>-1", "<name>-2", … in order. A year's
 * articles go oldest first, so a new article lands in its year's last numbered part and the
 * earlier parts keep their URLs.
 */
export function sitemapParts(model: SiteModel, archive: readonly ArchiveYear[], limit = SITEMAP_URL_LIMIT): SitemapPart[] {
  const groups: SitemapPart[] = [{ name: 'pages', entries: pageEntries(model, archive) }];
  // The archive holds each year's months, and each month's articles, newest first.
  for (const { year, months } of archive) {
    const articles = months.flatMap((month) => month.articles).toReversed();
    groups.push({ name: `articles-${year}`, entries: articles.map((article) => ({ path: paths.article(article.slug), lastmod: article.updated ?? article.date })) });
  }
  return groups.flatMap((group) => splitPart(group, limit));
}

function splitPart(part: SitemapPart, limit: number): SitemapPart[] {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`sitemap: a part must hold at least one URL, not ${limit}`);
  if (part.entries.length <= limit) return [part];
  const pieces: SitemapPart[] = [];
  for (let start = 0; start < part.entries.length; start += limit) {
    pieces.push({ name: `${part.name}-${pieces.length + 1}`, entries: part.entries.slice(start, start + limit) });
  }
  return pieces;
}

/** A <urlset> document: one sitemap file. */
export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${escapeXml(absoluteUrl(entry.path))}</loc>${entry.lastmod ? `<lastmod>${isoDay(entry.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}">\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * The <sitemapindex> document at /sitemap.xml: the parts, then `others` (the news sitemap). Each part's lastmod is its newest URL's: the
 * dates are the articles', not the build's. A part that only lost a URL (an article deleted or
 * re-dated into another year) keeps its lastmod; crawlers still fetch it from time to time.
 */
export function sitemapIndexXml(parts: readonly SitemapPart[], others: readonly { path: string; entries: readonly SitemapEntry[] }[] = []): string {
  const files = [...parts.map((part) => ({ path: paths.sitemapPart(part.name), entries: part.entries })), ...others];
  const sitemaps = files.map((file) => {
    let newest: Date | undefined;
    for (const entry of file.entries) if (entry.lastmod && (!newest || entry.lastmod > newest)) newest = entry.lastmod;
    const lastmod = newest ? `<lastmod>${isoDay(newest)}</lastmod>` : '';
    return `<sitemap><loc>${escapeXml(absoluteUrl(file.path))}</loc>${lastmod}</sitemap>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n${sitemaps.join('\n')}\n</sitemapindex>\n`;
}
