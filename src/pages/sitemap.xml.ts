import type { APIRoute } from 'astro';
import { getArchive, getSiteModel } from '../data/site-model.ts';
import { sitemapEntries, sitemapXml } from '../lib/sitemap.ts';

export const GET: APIRoute = async () =>
  new Response(sitemapXml(sitemapEntries(await getSiteModel(), await getArchive())), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
