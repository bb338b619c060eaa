/** One month of an author's feed (RFC 5005 archive document); the author's rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../../../../data/feeds.ts';
import { groupFeedArchiveRoutes } from '../../../../../../data/feed-routes.ts';
import type { FeedArchive } from '../../../../../../lib/feeds.ts';

export const getStaticPaths = (() => groupFeedArchiveRoutes('authors')) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => rssResponse(props.archive);
