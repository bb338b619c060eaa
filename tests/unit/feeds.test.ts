import { describe, expect, it } from 'vitest';
import { archivedFeed, jsonFeed, rssChannelExtras, type FeedChannel, type FeedEntry } from '../../src/lib/feeds.ts';

function entry(day: string, modified?: string): FeedEntry {
  const url = `https://example.test/articles/${day}/`;
  return {
    id: url,
    url,
    title: `Article of ${day}`,
    summary: 'Summary.',
    contentHtml: '<p>Body.</p>',
    published: new Date(`${day}T00:00:00Z`),
    modified: modified ? new Date(`${modified}T00:00:00Z`) : undefined,
    categories: [],
  };
}

function feed(entries: FeedEntry[]): FeedChannel {
  return { title: 'Site', description: 'All of it', homeUrl: 'https://example.test/', feedUrl: 'https://example.test/rss.xml', entries, updated: entries[0]?.published };
}

const monthUrl = (year: number, month: number) => `https://example.test/archive/${year}/${month}/rss.xml`;
const days = (entries: readonly FeedEntry[]) => entries.map((e) => e.published.toISOString().slice(0, 10));

describe('archivedFeed', () => {
  // Newest first, as the model holds articles: March 2025 (the open month), January, December 2024.
  const entries = [entry('2025-03-20'), entry('2025-03-02'), entry('2025-01-31', '2025-04-01'), entry('2024-12-31'), entry('2024-12-01')];

  it('archives every month but the newest, whose entries all stay in the subscription document', () => {
    const { subscription, archives } = archivedFeed(feed(entries), monthUrl, 1);
    expect(days(subscription.entries)).toEqual(['2025-03-20', '2025-03-02']);
    expect(archives.map((a) => [a.year, a.month, days(a.entries)])).toEqual([
      [2025, 1, ['2025-01-31']],
      [2024, 12, ['2024-12-31', '2024-12-01']],
    ]);
  });

  it('fills the subscription document up to the limit with entries that are also archived', () => {
    const { subscription, archives } = archivedFeed(feed(entries), monthUrl, 4);
    expect(days(subscription.entries)).toEqual(['2025-03-20', '2025-03-02', '2025-01-31', '2024-12-31']);
    expect(archives.flatMap((a) => a.entries)).toEqual(entries.slice(2));
    expect(subscription.feedUrl).toBe('https://example.test/rss.xml');
  });

  it('links the documents as RFC 5005 asks: subscription → newest archive → older ones, and back', () => {
    const { subscription, archives } = archivedFeed(feed(entries), monthUrl, 2);
    expect(subscription.history).toEqual({ archive: false, prevArchive: monthUrl(2025, 1) });
    expect(archives.map((a) => a.feedUrl)).toEqual([monthUrl(2025, 1), monthUrl(2024, 12)]);
    expect(archives.map((a) => a.history)).toEqual([
      { archive: true, current: subscription.feedUrl, prevArchive: monthUrl(2024, 12), nextArchive: undefined },
      { archive: true, current: subscription.feedUrl, prevArchive: undefined, nextArchive: monthUrl(2025, 1) },
    ]);
  });

  it('names and dates each archive by its own month and entries', () => {
    const { archives } = archivedFeed(feed(entries), monthUrl, 2);
    expect(archives.map((a) => a.title)).toEqual(['Site (archive, January 2025)', 'Site (archive, December 2024)']);
    expect(archives.map((a) => a.updated?.toISOString().slice(0, 10))).toEqual(['2025-04-01', '2024-12-31']);
  });

  it('refuses entries that are not newest first, which would split a month in two', () => {
    expect(() => archivedFeed(feed([entries[0], entries[3], entries[2]]), monthUrl, 2)).toThrow(/not newest first.*2025-01-31/);
    expect(() => archivedFeed(feed([entries[0], entries[3], entries[1]]), monthUrl, 2)).toThrow(/not newest first.*2025-03-02/);
  });

  it('makes a feed with one month, or none, without archives or archive links', () => {
    for (const list of [[], entries.slice(0, 2)]) {
      const { subscription, archives } = archivedFeed(feed(list), monthUrl, 50);
      expect(archives).toEqual([]);
      expect(subscription.entries).toEqual(list);
      expect(rssChannelExtras(subscription)).not.toContain('archive');
    }
  });
});

describe('feed documents', () => {
  const { subscription, archives } = archivedFeed(feed([entry('2025-03-20'), entry('2025-02-02'), entry('2025-01-05')]), monthUrl, 1);

  it('writes the archive links and the fh:archive mark into RSS', () => {
    const head = rssChannelExtras(subscription);
    expect(head).toContain(`<atom:link href="${monthUrl(2025, 2)}" rel="prev-archive" type="application/rss+xml"/>`);
    expect(head).not.toContain('<fh:archive/>');
    const older = rssChannelExtras(archives[1]);
    expect(older).toContain('<fh:archive/>');
    expect(older).toContain(`<atom:link href="${monthUrl(2025, 1)}" rel="self" type="application/rss+xml"/>`);
    expect(older).toContain('<atom:link href="https://example.test/rss.xml" rel="current" type="application/rss+xml"/>');
    expect(older).toContain(`<atom:link href="${monthUrl(2025, 2)}" rel="next-archive" type="application/rss+xml"/>`);
    expect(older).not.toContain('prev-archive');
  });

  it('pages a JSON Feed with next_url and keeps its feed_url on every page', () => {
    expect(jsonFeed(subscription)).toMatchObject({ feed_url: 'https://example.test/rss.xml', next_url: monthUrl(2025, 2) });
    expect(jsonFeed(archives[0])).toMatchObject({ feed_url: 'https://example.test/rss.xml', next_url: monthUrl(2025, 1) });
    expect(jsonFeed(archives[1])).not.toHaveProperty('next_url');
  });
});
