/**
 * Reads what the audit needs from the built site's pages, feeds and sitemaps with real parsers,
 * so that attribute order, quoting, character references, CDATA, comments and scripts count as
 * a browser or feed reader would count them.
 *
 * Pages and XML documents are read as a stream of tags (htmlparser2, the parser linkedom builds
 * its DOM from): the audit reads tens of thousands of pages inside every build, and building a
 * whole DOM for each costs several times as much as the audit itself. RSS and JSON Feed documents
 * are read by feedsmith, as a feed reader would read them.
 */
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { Parser } from 'htmlparser2';

/** RFC 5005's namespace, which holds the archive mark of an RSS archive document. */
const FEED_HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/**
 * The href of every <a> inside the first element `isContainer` accepts, character references
 * decoded; null when the page has no such element.
 */
export function linksWithin(html: string, isContainer: (name: string, attributes: Record<string, string>) => boolean): string[] | null {
  const links: string[] = [];
  // Open elements inside the container, the container included; 0 before and after it.
  let depth = 0;
  let found = false;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (depth > 0) {
          depth++;
          if (name === 'a' && attributes.href !== undefined) links.push(attributes.href);
        } else if (!found && isContainer(name, attributes)) {
          found = true;
          depth = 1;
        }
      },
      // The parser closes every element it opens (void ones at once, unclosed ones implicitly).
      onclosetag() {
        if (depth > 0 && --depth === 0) {
          done = true;
          parser.pause();
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  if (!done) parser.end();
  return found ? links : null;
}

/** Whether an element's class attribute holds the class name (classes are separated by ASCII whitespace). */
export function hasClass(attributes: Record<string, string>, name: string): boolean {
  return (attributes.class ?? '').split(/[\t\n\f\r ]+/).includes(name);
}

/** An element as the XML stream reader sees it: its local name and namespace, resolved through its xmlns attributes and its ancestors'. */
interface XmlElement {
  local: string;
  namespace: string | undefined;
  parent: XmlElement | undefined;
  prefixes: Map<string, string>;
}

/** Streams an XML document's elements and text to the handlers, without building a tree. */
function walkXml(xml: string, handlers: { open?(element: XmlElement): void; text?(element: XmlElement, text: string): void; close?(element: XmlElement): void }): void {
  let current: XmlElement | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const prefixes = new Map(current?.prefixes);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute === 'xmlns') prefixes.set('', value);
          else if (attribute.startsWith('xmlns:')) prefixes.set(attribute.slice('xmlns:'.length), value);
        }
        const colon = name.indexOf(':');
        const prefix = colon === -1 ? '' : name.slice(0, colon);
        current = { local: name.slice(colon + 1), namespace: prefixes.get(prefix), parent: current, prefixes };
        handlers.open?.(current);
      },
      ontext(text) {
        if (current) handlers.text?.(current, text);
      },
      onclosetag() {
        if (!current) return;
        handlers.close?.(current);
        current = current.parent;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
}

/** A sitemap or sitemap index: its root element and the <loc> of each of its entries (<url> or <sitemap>). */
export interface SitemapRead {
  root: { local: string; namespace: string | undefined } | undefined;
  locs: string[];
}

export function readSitemap(xml: string, entry: 'url' | 'sitemap'): SitemapRead {
  let root: XmlElement | undefined;
  const locs: string[] = [];
  let loc: string | undefined;
  const isLoc = (element: XmlElement) =>
    element.local === 'loc' && element.parent?.local === entry && element.parent.parent === root && element.namespace === root?.namespace && element.parent.namespace === root?.namespace;
  walkXml(xml, {
    open(element) {
      root ??= element;
      if (isLoc(element)) loc = '';
    },
    text(element, text) {
      if (loc !== undefined && isLoc(element)) loc += text;
    },
    close(element) {
      if (loc !== undefined && isLoc(element)) {
        // The protocol's examples and readers allow whitespace around a URL.
        locs.push(loc.trim());
        loc = undefined;
      }
    },
  });
  return { root: root && { local: root.local, namespace: root.namespace }, locs };
}

/** Whether an RSS document's channel carries RFC 5005's archive mark (fh:archive, in its namespace). */
function hasArchiveMark(xml: string): boolean {
  let marked = false;
  walkXml(xml, {
    open(element) {
      const channel = element.parent;
      if (element.local === 'archive' && element.namespace === FEED_HISTORY_NS && channel?.local === 'channel' && channel.parent?.local === 'rss' && !channel.parent.parent) marked = true;
    },
  });
  return marked;
}

/** What the audit needs from one feed document. */
export interface FeedRead {
  /** The link of each item, in order, repeats included; '' for an item without one. */
  links: string[];
  /** The absolute URL of the next older document (RFC 5005's prev-archive, JSON Feed's next_url). */
  older: string | undefined;
  /** RFC 5005's links back from an archive: the next newer archive and the feed itself (RSS only). */
  newer?: string;
  current?: string;
  /** Whether the document says it is an archive (RFC 5005's fh:archive); null where the format has no mark. */
  archive: boolean | null;
  /** Why the document cannot be read, if it cannot. */
  unreadable?: string;
}

export type FeedFormat = (text: string) => FeedRead;

export const readRssFeed: FeedFormat = (xml) => {
  let feed;
  try {
    feed = parseRssFeed(xml);
  } catch (error) {
    return { links: [], older: undefined, archive: null, unreadable: `not a readable RSS feed (${(error as Error).message})` };
  }
  const atomLinks = feed.atom?.links ?? [];
  const link = (rel: string) => atomLinks.find((each) => each.rel === rel)?.href;
  return {
    links: (feed.items ?? []).map((item) => item.link ?? ''),
    older: link('prev-archive'),
    newer: link('next-archive'),
    current: link('current'),
    archive: hasArchiveMark(xml),
  };
};

// JSON Feed has no mark for an archive document: next_url only pages through the feed.
export const readJsonFeed: FeedFormat = (text) => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { links: [], older: undefined, archive: null, unreadable: `not valid JSON (${(error as Error).message})` };
  }
  try {
    const feed = parseJsonFeed(json);
    return { links: (feed.items ?? []).map((item) => item.url ?? ''), older: feed.next_url, archive: null };
  } catch (error) {
    return { links: [], older: undefined, archive: null, unreadable: `not a JSON Feed (${(error as Error).message})` };
  }
};
