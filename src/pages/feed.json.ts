import type { APIRoute } from 'astro';
import { getFeeds, timedFeed } from '../data/feeds.ts';
import { jsonFeed } from '../lib/feeds.ts';

export const GET: APIRoute = () =>
  timedFeed(
    async () =>
      new Response(JSON.stringify(jsonFeed((await getFeeds()).json), null, 1), {
        headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
      }),
  );
