/** One month of the digest RSS feed (RFC 5005 archive document); /digest/rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../../../data/feeds.ts';
import { feedArchiveRoutes } from '../../../../../data/feed-routes.ts';
import type { FeedArchive } from '../../../../../lib/feeds.ts';

export const getStaticPaths = (() => feedArchiveRoutes('digest')) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => rssResponse(props.archive);
