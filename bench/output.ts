/**
 * What the bench reads from a finished build: the size of its output by folder, and the figures
 * the build itself prints (Astro's own time for its step, the preview-image worker's time per
 * image).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface DirSize {
  bytes: number;
  files: number;
}

const FEED_FILES = new Set(['rss.xml', 'feed.json']);
/** The sitemap index and its parts beside it (src/lib/sitemap.ts), one per year of articles. */
const SITEMAP_FILE = /^sitemap(-.+)?\.xml$/;

/**
 * Bytes by top-level entry of a built site (articles/, og/, pagefind/ …), largest first. Feed
 * documents (every rss.xml and feed.json, archives included) count as one entry of their own,
 * and the two site feeds readers subscribe to are also named apart; so do the sitemap's files.
 */
export function outputBreakdown(dir: string): { name: string; bytes: number; files: number }[] {
  if (!existsSync(dir)) return [];
  const sizes = new Map<string, DirSize>();
  const add = (name: string, bytes: number) => {
    const size = sizes.get(name) ?? { bytes: 0, files: 0 };
    size.bytes += bytes;
    size.files += 1;
    sizes.set(name, size);
  };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const top = relative(dir, path).split(sep)[0];
    const bytes = statSync(path).size;
    if (FEED_FILES.has(entry.name)) {
      add('feeds (every rss.xml and feed.json)', bytes);
      if (top === entry.name) add(`of which /${entry.name}`, bytes);
    } else if (top === entry.name && SITEMAP_FILE.test(entry.name)) {
      add('sitemap (sitemap.xml and its parts)', bytes);
    } else {
      add(top === entry.name ? top : `${top}/`, bytes);
    }
  }
  const parts = [...sizes].map(([name, size]) => ({ name, ...size })).sort((a, b) => b.bytes - a.bytes);
  // "of which" entries go right after the feeds they belong to.
  const within = parts.filter((part) => part.name.startsWith('of which'));
  const rest = parts.filter((part) => !within.includes(part));
  const feeds = rest.findIndex((part) => part.name.startsWith('feeds'));
  rest.splice(feeds + 1, 0, ...within);
  return rest;
}

export function dirSize(dir: string): DirSize {
  let bytes = 0;
  let files = 0;
  if (!existsSync(dir)) return { bytes, files };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Astro's own time for its build, from its "74 page(s) built in 6.71s" line (printed at info
 * level: the bench runs this site's build with BUILD_LOG_LEVEL=info, and `astro build` logs at
 * info by default). It counts from Astro's start, after its config has loaded, to its end.
 */
export function astroBuiltMs(stdout: string): number | null {
  const match = /page\(s\) built in (?:(\d+)ms|([\d.]+)s|(\d+)m (\d+)s)/.exec(stdout.replace(ANSI, ''));
  if (!match) return null;
  if (match[1] !== undefined) return Number(match[1]);
  if (match[2] !== undefined) return Number(match[2]) * 1000;
  return (Number(match[3]) * 60 + Number(match[4])) * 1000;
}

/** The image worker's milliseconds per image, from the build's "og images: … (2.0 ms/image)" line. */
export function imageRate(stdout: string): number | null {
  const match = /og images: .* rendered in \d+ ms on .*\(([\d.]+) ms\/image\)/.exec(stdout.replace(ANSI, ''));
  return match ? Number(match[1]) : null;
}

/**
 * How many documents the build copied from the last build instead of rendering them, from its
 * closing line ("built … in 3.1 s, reusing 61 unchanged documents of the last build → dist/"):
 * 0 when the line names none, null when the build printed no closing line.
 */
export function reusedDocuments(stdout: string): number | null {
  const text = stdout.replace(ANSI, '');
  if (!/^built .* → \S/m.test(text)) return null;
  const match = /, reusing ([\d,]+) unchanged documents? of the last build → /.exec(text);
  return match ? Number(match[1].replace(/,/g, '')) : 0;
}
