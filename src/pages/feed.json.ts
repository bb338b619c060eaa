import type { APIRoute } from 'astro';
import { getFeeds, jsonFeedResponse, timedFeed } from '../data/feeds.ts';

export const GET: APIRoute = () => timedFeed(async () => jsonFeedResponse((await getFeeds()).json.subscription));
