/** One month of the JSON Feed; /feed.json's next_url leads through them, newest first. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archiveRoutes, getFeeds, jsonFeedResponse, timedFeed } from '../../../../data/feeds.ts';
import type { FeedArchive } from '../../../../lib/feeds.ts';

export const getStaticPaths = (async () => archiveRoutes((await getFeeds()).json)) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => timedFeed(async () => jsonFeedResponse(props.archive));
