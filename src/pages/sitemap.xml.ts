/** The sitemap index: it lists the sitemap parts beside it (see src/lib/sitemap.ts) and the news sitemap. */
import type { APIRoute } from 'astro';
import { getSiteModel } from '../data/site-model.ts';
import { getSitemapParts, xmlResponse } from '../data/sitemap.ts';
import { newsArticles } from '../lib/news-sitemap.ts';
import { sitemapIndexXml } from '../lib/sitemap.ts';
import { paths } from '../lib/urls.ts';

export const GET: APIRoute = async () => {
  const news = newsArticles((await getSiteModel()).articles).map((article) => ({ path: paths.article(article.slug), lastmod: article.date }));
  return xmlResponse(sitemapIndexXml(await getSitemapParts(), [{ path: paths.newsSitemap(), entries: news }]));
};
