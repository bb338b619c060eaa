/**
 * Reads what Pagefind actually indexed, part by part (src/lib/search-parts.ts): each part is a
 * folder of the search bundle with its own pagefind-entry.json, and each page's fragment file
 * (gzip, "pagefind_dcd" + JSON) holds its URL, text, metadata and filters.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface IndexedPage {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort?: Record<string, string>;
  /** The part whose index holds the page. */
  part: string;
}

const SIGNATURE = 'pagefind_dcd';

/** The parts of distDir's search bundle: its folders holding a Pagefind index, in name order. */
export function readPagefindParts(distDir: string): string[] {
  const bundle = join(distDir, 'pagefind');
  return readdirSync(bundle, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(bundle, entry.name, 'pagefind-entry.json')))
    .map((entry) => entry.name)
    .sort();
}

export function readPagefindPages(distDir: string): IndexedPage[] {
  const parts = readPagefindParts(distDir);
  if (parts.length === 0) throw new Error(`${join(distDir, 'pagefind')} holds no index part`);
  return parts.flatMap((part) => {
    const dir = join(distDir, 'pagefind', part, 'fragment');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.pf_fragment'))
      .sort()
      .map((name) => {
        const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
        if (!text.startsWith(SIGNATURE)) throw new Error(`${part}/fragment/${name}: not a Pagefind fragment`);
        return { ...(JSON.parse(text.slice(SIGNATURE.length)) as Omit<IndexedPage, 'part'>), part };
      });
  });
}
