import type { APIRoute } from 'astro';
import { getFeeds, rssResponse, timedFeed } from '../data/feeds.ts';

export const GET: APIRoute = () => timedFeed(async () => rssResponse((await getFeeds()).site.subscription));
