/** The sitemap index: it lists the sitemap parts beside it (see src/lib/sitemap.ts). */
import type { APIRoute } from 'astro';
import { getSitemapParts, xmlResponse } from '../data/sitemap.ts';
import { sitemapIndexXml } from '../lib/sitemap.ts';

export const GET: APIRoute = async () => xmlResponse(sitemapIndexXml(await getSitemapParts()));
