/** The weekly digest as RSS: one item per finished week. */
import type { APIRoute } from 'astro';
import { getFeeds, rssResponse } from '../../data/feeds.ts';

export const GET: APIRoute = async () => rssResponse((await getFeeds()).digest.subscription);
