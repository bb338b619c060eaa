/** The routes of the feed endpoints, from the feeds built once per build (./feeds.ts). */
import { archiveRoutes, getFeeds } from './feeds.ts';
import type { ArchivedFeed, FeedArchive } from '../lib/feeds.ts';

type MonthParams = { year: string; month: string };

/** The site RSS feed's monthly archive documents. */
export async function siteFeedArchiveRoutes(): Promise<{ params: MonthParams; props: { archive: FeedArchive } }[]> {
  return archiveRoutes((await getFeeds()).site);
}

/** The JSON Feed's monthly archive documents. */
export async function jsonFeedArchiveRoutes(): Promise<{ params: MonthParams; props: { archive: FeedArchive } }[]> {
  return archiveRoutes((await getFeeds()).json);
}

/** Each topic's RSS feed. */
export async function topicFeedRoutes(): Promise<{ params: { topic: string }; props: { feed: ArchivedFeed } }[]> {
  return [...(await getFeeds()).topics].map(([topic, feed]) => ({ params: { topic }, props: { feed } }));
}

/** Each topic's RSS feed's monthly archive documents. */
export async function topicFeedArchiveRoutes(): Promise<{ params: MonthParams & { topic: string }; props: { archive: FeedArchive } }[]> {
  return [...(await getFeeds()).topics].flatMap(([topic, feed]) =>
    archiveRoutes(feed).map(({ params, props }) => ({ params: { topic, ...params }, props })),
  );
}

/** The digest RSS feed's monthly archive documents. */
export async function digestFeedArchiveRoutes(): Promise<{ params: MonthParams; props: { archive: FeedArchive } }[]> {
  return archiveRoutes((await getFeeds()).digest);
}

/** The digest JSON Feed's monthly archive documents. */
export async function digestJsonFeedArchiveRoutes(): Promise<{ params: MonthParams; props: { archive: FeedArchive } }[]> {
  return archiveRoutes((await getFeeds()).digestJson);
}

/** Each author's RSS feed. */
export async function authorFeedRoutes(): Promise<{ params: { author: string }; props: { feed: ArchivedFeed } }[]> {
  return [...(await getFeeds()).authors].map(([author, feed]) => ({ params: { author }, props: { feed } }));
}

/** Each author's RSS feed's monthly archive documents. */
export async function authorFeedArchiveRoutes(): Promise<{ params: MonthParams & { author: string }; props: { archive: FeedArchive } }[]> {
  return [...(await getFeeds()).authors].flatMap(([author, feed]) =>
    archiveRoutes(feed).map(({ params, props }) => ({ params: { author, ...params }, props })),
  );
}
