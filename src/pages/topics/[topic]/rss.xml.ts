import type { APIRoute, GetStaticPaths } from 'astro';
import { getFeeds, rssResponse, timedFeed } from '../../../data/feeds.ts';
import type { ArchivedFeed } from '../../../lib/feeds.ts';

export const getStaticPaths = (async () => {
  const feeds = await getFeeds();
  return [...feeds.topics].map(([topic, feed]) => ({ params: { topic }, props: { feed } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ feed: ArchivedFeed }> = ({ props }) => timedFeed(() => rssResponse(props.feed.subscription));
