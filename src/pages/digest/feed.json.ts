/** The weekly digest as a JSON Feed: one item per finished week. */
import type { APIRoute } from 'astro';
import { getFeeds, jsonFeedResponse } from '../../data/feeds.ts';

export const GET: APIRoute = async () => jsonFeedResponse((await getFeeds()).digestJson.subscription);
