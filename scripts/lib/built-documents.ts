/**
 * Reads what the audit needs from the built site's pages, feeds and sitemaps with real parsers,
 * so that attribute order, quoting, character references, CDATA, comments and namespace prefixes
 * count as a browser, feed reader or crawler counts them.
 *
 * Pages, RSS documents and sitemaps are read as a stream of tags by htmlparser2 (the parser
 * linkedom builds its DOM from), keeping only the elements the audit asks about: the audit reads
 * every page and feed document inside every build, and building a DOM of each page, or reading
 * each RSS item's full content as feedsmith does, costs several times the rest of the audit.
 * JSON Feed documents are small and read by feedsmith.
 */
import { parseJsonFeed } from 'feedsmith';
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
  attributes: Record<string, string>;
  parent: XmlElement | undefined;
  prefixes: ReadonlyMap<string, string>;
}

const NO_PREFIXES: ReadonlyMap<string, string> = new Map();

/** Streams an XML document's elements and text to the handlers, without building a tree. */
function walkXml(xml: string, handlers: { open?(element: XmlElement): void; text?(element: XmlElement, text: string): void; close?(element: XmlElement): void }): void {
  let current: XmlElement | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // Most elements declare no namespace: they share their parent's prefixes.
        let prefixes = current?.prefixes ?? NO_PREFIXES;
        for (const attribute in attributes) {
          if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) continue;
          if (prefixes === current?.prefixes || prefixes === NO_PREFIXES) prefixes = new Map(prefixes);
          (prefixes as Map<string, string>).set(attribute === 'xmlns' ? '' : attribute.slice('xmlns:'.length), attributes[attribute]);
        }
        const colon = name.indexOf(':');
        const prefix = colon === -1 ? '' : name.slice(0, colon);
        current = { local: name.slice(colon + 1), namespace: prefixes.get(prefix), attributes, parent: current, prefixes };
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

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/**
 * An RSS document, read as a stream: its items' <link>s, its channel's atom:links (RFC 5005's
 * archive links) and fh:archive mark, each element known by its namespace, not its prefix.
 */
export const readRssFeed: FeedFormat = (xml) => {
  let rss: XmlElement | undefined;
  let channel: XmlElement | undefined;
  const links: string[] = [];
  const atomLinks = new Map<string, string>();
  let archive = false;
  let item: { link: string | undefined } | undefined;
  let link: string | undefined;
  walkXml(xml, {
    open(element) {
      const parent = element.parent;
      if (!parent) rss = element.local === 'rss' && element.namespace === undefined ? element : undefined;
      else if (parent === rss && !channel && element.local === 'channel' && element.namespace === undefined) channel = element;
      else if (channel && parent === channel) {
        if (element.local === 'item' && element.namespace === undefined) item = { link: undefined };
        else if (element.local === 'link' && element.namespace === ATOM_NS && element.attributes.rel && !atomLinks.has(element.attributes.rel)) atomLinks.set(element.attributes.rel, element.attributes.href);
        else if (element.local === 'archive' && element.namespace === FEED_HISTORY_NS) archive = true;
      } else if (item && parent.parent === channel && element.local === 'link' && element.namespace === undefined) link = '';
    },
    text(_, text) {
      if (link !== undefined) link += text;
    },
    close(element) {
      if (link !== undefined && element.local === 'link') {
        // An item has one link; RSS readers take the first.
        item!.link ??= link.trim();
        link = undefined;
      } else if (item && element.parent === channel && element.local === 'item') {
        links.push(item.link ?? '');
        item = undefined;
      }
    },
  });
  if (!channel) return { links: [], older: undefined, archive: null, unreadable: 'not an RSS feed (no <rss> with a <channel>)' };
  return { links, older: atomLinks.get('prev-archive'), newer: atomLinks.get('next-archive'), current: atomLinks.get('current'), archive };
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
