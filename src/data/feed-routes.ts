/**
 * The routes of the feed endpoints, from the feeds built once per build (./feeds.ts), each with
 * its cache key (src/lib/page-key.ts).
 */
import { archiveRoutes, getFeeds, type Feeds } from './feeds.ts';
import type { ArchivedFeed, FeedArchive } from '../lib/feeds.ts';
import { keyed } from '../lib/page-key.ts';

type MonthParams = { year: string; month: string };
/** The site's single feeds: the site RSS feed, the JSON Feed and the digest's two. */
type SingleFeed = 'site' | 'json' | 'digest' | 'digestJson';
/** The feeds kept one per topic or per author. */
type FeedGroup = 'topics' | 'authors';
/** The route parameter naming a group's member: `[topic]`, `[author]`. */
const MEMBER = { topics: 'topic', authors: 'author' } as const satisfies Record<FeedGroup, string>;

/** The monthly archive documents of one of the site's single feeds. */
export async function feedArchiveRoutes(name: SingleFeed): Promise<{ params: MonthParams; props: { archive: FeedArchive } }[]> {
  return keyed(archiveRoutes((await getFeeds())[name]));
}

/** Each topic's or author's RSS feed. */
export async function groupFeedRoutes(group: FeedGroup): Promise<{ params: Record<string, string>; props: { feed: ArchivedFeed } }[]> {
  const feeds: Feeds[FeedGroup] = (await getFeeds())[group];
  return keyed([...feeds].map(([member, feed]) => ({ params: { [MEMBER[group]]: member }, props: { feed } })));
}

/** The monthly archive documents of each topic's or author's RSS feed. */
export async function groupFeedArchiveRoutes(group: FeedGroup): Promise<{ params: MonthParams & Record<string, string>; props: { archive: FeedArchive } }[]> {
  const feeds: Feeds[FeedGroup] = (await getFeeds())[group];
  return keyed([...feeds].flatMap(([member, feed]) => archiveRoutes(feed).map(({ params, props }) => ({ params: { [MEMBER[group]]: member, ...params }, props }))));
}
