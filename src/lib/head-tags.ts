/** What BaseHead writes for a page's HeadData: full title, canonical address, feeds, image. */
import type { HeadData } from './head.ts';
import { site } from './site.ts';
import { absoluteUrl, paths } from './urls.ts';

export interface HeadTags {
  /** "Topic – Site", or the site's title alone on the home page. */
  title: string;
  canonical: string;
  /** Site-wide feeds first (every article, then the weekly digest), then the page's own; hrefs absolute. */
  feeds: { title: string; href: string; type: string }[];
  image?: string;
  /** The image's type, size and text alternative for og:image:*. */
  imageMeta?: { type: string; width: number; height: number; alt: string };
}

export function headTags(head: HeadData): HeadTags {
  const feeds = [
    { title: `${site.title} – all articles (RSS)`, path: paths.rss(), type: 'application/rss+xml' },
    { title: `${site.title} – all articles (JSON Feed)`, path: paths.jsonFeed(), type: 'application/feed+json' },
    { title: `${site.title} – weekly digest (RSS)`, path: paths.digestRss(), type: 'application/rss+xml' },
    ...(head.feeds ?? []),
  ];
  return {
    title: head.title === site.title ? site.title : `${head.title} – ${site.title}`,
    canonical: absoluteUrl(head.path),
    feeds: feeds.map((feed) => ({ title: feed.title, href: absoluteUrl(feed.path), type: feed.type })),
    image: head.image ? absoluteUrl(head.image) : undefined,
    imageMeta: head.image ? (head.imageMeta ?? { type: 'image/png', width: 1200, height: 630, alt: head.title }) : undefined,
  };
}
