/** One month of the site feed (RFC 5005 archive document); /rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archiveOf, archiveParams, getFeeds, rssResponse, timedFeed } from '../../../../data/feeds.ts';

export const getStaticPaths = (async () => archiveParams((await getFeeds()).site).map((params) => ({ params }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => timedFeed(async () => rssResponse(archiveOf((await getFeeds()).site, params.year, params.month)));
