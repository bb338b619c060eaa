/** The Google News sitemap: the articles of the last two days (src/lib/news-sitemap.ts). */
import type { APIRoute } from 'astro';
import { getSiteModel } from '../data/site-model.ts';
import { xmlResponse } from '../data/sitemap.ts';
import { newsArticles, newsSitemapXml } from '../lib/news-sitemap.ts';

export const GET: APIRoute = async () => xmlResponse(newsSitemapXml(newsArticles((await getSiteModel()).articles)));
