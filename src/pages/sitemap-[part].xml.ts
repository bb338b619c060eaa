/** One part of the sitemap: the site's other pages, or one year of articles. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSitemapParts, xmlResponse } from '../data/sitemap.ts';
import { sitemapXml, type SitemapPart } from '../lib/sitemap.ts';
import { keyed } from '../lib/page-key.ts';

export const getStaticPaths = (async () =>
  keyed((await getSitemapParts()).map((part) => ({ params: { part: part.name }, props: { part } })))) satisfies GetStaticPaths;

export const GET: APIRoute<{ part: SitemapPart }> = ({ props }) => xmlResponse(sitemapXml(props.part.entries));
