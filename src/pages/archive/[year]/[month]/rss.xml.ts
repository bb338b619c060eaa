/** One month of the site feed (RFC 5005 archive document); /rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../../data/feeds.ts';
import { feedArchiveRoutes } from '../../../../data/feed-routes.ts';
import type { FeedArchive } from '../../../../lib/feeds.ts';

export const getStaticPaths = (() => feedArchiveRoutes('site')) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => rssResponse(props.archive);
