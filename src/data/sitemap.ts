/** The sitemap's parts, split once per build for the index and every part's route. */
import { getSiteModel } from './site-model.ts';
import { sitemapParts, type SitemapPart } from '../lib/sitemap.ts';

let parts: Promise<SitemapPart[]> | undefined;

export function getSitemapParts(): Promise<SitemapPart[]> {
  parts ??= getSiteModel().then((model) => sitemapParts(model, model.archive));
  return parts;
}

export function xmlResponse(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
