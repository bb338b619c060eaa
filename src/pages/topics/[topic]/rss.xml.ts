import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../data/feeds.ts';
import { groupFeedRoutes } from '../../../data/feed-routes.ts';
import type { ArchivedFeed } from '../../../lib/feeds.ts';

export const getStaticPaths = (() => groupFeedRoutes('topics')) satisfies GetStaticPaths;

export const GET: APIRoute<{ feed: ArchivedFeed }> = ({ props }) => rssResponse(props.feed.subscription);
