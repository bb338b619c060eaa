/** One month of the JSON Feed; /feed.json's next_url leads through them, newest first. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archiveOf, archiveParams, getFeeds, jsonFeedResponse, timedFeed } from '../../../../data/feeds.ts';

export const getStaticPaths = (async () => archiveParams((await getFeeds()).json).map((params) => ({ params }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => timedFeed(async () => jsonFeedResponse(archiveOf((await getFeeds()).json, params.year, params.month)));
