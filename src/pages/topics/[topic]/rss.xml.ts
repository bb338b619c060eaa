import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../data/feeds.ts';
import { topicFeedRoutes } from '../../../data/feed-routes.ts';
import type { ArchivedFeed } from '../../../lib/feeds.ts';
import { keyed } from '../../../lib/page-key.ts';

export const getStaticPaths = (async () => keyed(await topicFeedRoutes())) satisfies GetStaticPaths;

export const GET: APIRoute<{ feed: ArchivedFeed }> = ({ props }) => rssResponse(props.feed.subscription);
