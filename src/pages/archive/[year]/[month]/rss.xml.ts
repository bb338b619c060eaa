/** One month of the site feed (RFC 5005 archive document); /rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archiveRoutes, getFeeds, rssResponse, timedFeed } from '../../../../data/feeds.ts';
import type { FeedArchive } from '../../../../lib/feeds.ts';

export const getStaticPaths = (async () => archiveRoutes((await getFeeds()).site)) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => timedFeed(() => rssResponse(props.archive));
