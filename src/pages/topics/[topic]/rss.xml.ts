import type { APIRoute, GetStaticPaths } from 'astro';
import { getFeeds, rssResponse, timedFeed } from '../../../data/feeds.ts';
import { getSiteModel } from '../../../data/site-model.ts';

export const getStaticPaths = (async () => {
  const model = await getSiteModel();
  return model.topics.map((topic) => ({ params: { topic: topic.slug } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  timedFeed(async () => {
    const channel = (await getFeeds()).topic(params.topic!);
    if (!channel) throw new Error(`no feed for topic ${params.topic}`);
    return rssResponse(channel);
  });
