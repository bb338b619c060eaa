/** One month of the digest JSON Feed; /digest/feed.json's next_url leads through them, newest first. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonFeedResponse } from '../../../../../data/feeds.ts';
import { feedArchiveRoutes } from '../../../../../data/feed-routes.ts';
import type { FeedArchive } from '../../../../../lib/feeds.ts';

export const getStaticPaths = (() => feedArchiveRoutes('digestJson')) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => jsonFeedResponse(props.archive);
