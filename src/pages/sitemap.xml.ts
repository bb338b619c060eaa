import type { APIRoute } from 'astro';
import { getSiteModel } from '../data/site-model.ts';
import { sitemapEntries, sitemapXml } from '../lib/sitemap.ts';

export const GET: APIRoute = async () =>
  new Response(sitemapXml(sitemapEntries(await getSiteModel())), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
