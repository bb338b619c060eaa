import type { APIRoute, GetStaticPaths } from 'astro';
import { getFeeds, rssResponse, timedFeed } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => {
  const feeds = await getFeeds();
  return [...feeds.topics.keys()].map((topic) => ({ params: { topic } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  timedFeed(async () => {
    const feed = (await getFeeds()).topics.get(params.topic!);
    if (!feed) throw new Error(`no feed for topic ${params.topic}`);
    return rssResponse(feed.subscription);
  });
