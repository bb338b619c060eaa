/**
 * The sitemap: every public page once, with lastmod taken from article dates (never the build
 * time, so two builds of the same content are identical).
 */
import { lastChanged, type SiteModel } from './model.ts';
import { escapeXml } from './xml.ts';
import type { ArchiveYear } from './archive.ts';
import { isoDay } from './dates.ts';
import { entityPages, topicPages } from './listings.ts';
import { absoluteUrl, paths } from './urls.ts';

export interface SitemapEntry {
  path: string;
  lastmod?: Date;
}

export function sitemapEntries(model: SiteModel, archive: readonly ArchiveYear[]): SitemapEntry[] {
  const latest = lastChanged(model.articles);
  const entries: SitemapEntry[] = [
    { path: paths.home(), lastmod: latest },
    { path: paths.topics(), lastmod: latest },
    { path: paths.search() },
    { path: paths.feeds(), lastmod: latest },
    { path: paths.entities(), lastmod: latest },
    { path: paths.archive(), lastmod: latest },
  ];
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
  for (const year of archive) {
    for (const month of year.months) {
      entries.push({ path: paths.archiveMonth(month.year, month.month), lastmod: lastChanged(month.articles) });
    }
  }
  for (const article of model.articles) {
    entries.push({ path: paths.article(article.slug), lastmod: article.updated ?? article.date });
  }
  return entries;
}

export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${escapeXml(absoluteUrl(entry.path))}</loc>${entry.lastmod ? `<lastmod>${isoDay(entry.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
