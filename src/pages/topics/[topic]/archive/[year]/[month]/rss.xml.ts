/** One month of a topic's feed (RFC 5005 archive document); the topic's rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archiveOf, archiveParams, getFeeds, rssResponse, timedFeed } from '../../../../../../data/feeds.ts';

export const getStaticPaths = (async () => {
  const feeds = await getFeeds();
  return [...feeds.topics].flatMap(([topic, feed]) => archiveParams(feed).map((month) => ({ params: { topic, ...month } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  timedFeed(async () => {
    const feed = (await getFeeds()).topics.get(params.topic!);
    if (!feed) throw new Error(`no feed for topic ${params.topic}`);
    return rssResponse(archiveOf(feed, params.year, params.month));
  });
