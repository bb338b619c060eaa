/** One month of a topic's feed (RFC 5005 archive document); the topic's rss.xml links to the newest. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archiveRoutes, getFeeds, rssResponse, timedFeed } from '../../../../../../data/feeds.ts';
import type { FeedArchive } from '../../../../../../lib/feeds.ts';

export const getStaticPaths = (async () => {
  const feeds = await getFeeds();
  return [...feeds.topics].flatMap(([topic, feed]) => archiveRoutes(feed).map(({ params, props }) => ({ params: { topic, ...params }, props })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ archive: FeedArchive }> = ({ props }) => timedFeed(() => rssResponse(props.archive));
