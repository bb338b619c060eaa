import type { APIRoute } from 'astro';
import { getFeeds, jsonFeedResponse } from '../data/feeds.ts';

export const GET: APIRoute = async () => jsonFeedResponse((await getFeeds()).json.subscription);
