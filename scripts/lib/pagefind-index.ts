/**
 * Reads what Pagefind actually indexed: each page's fragment file (gzip, "pagefind_dcd" + JSON)
 * holds its URL, text, metadata and filters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface IndexedPage {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort?: Record<string, string>;
}

const SIGNATURE = 'pagefind_dcd';

export function readPagefindPages(distDir: string): IndexedPage[] {
  const dir = join(distDir, 'pagefind', 'fragment');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pf_fragment'))
    .sort()
    .map((name) => {
      const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
      if (!text.startsWith(SIGNATURE)) throw new Error(`${name}: not a Pagefind fragment`);
      return JSON.parse(text.slice(SIGNATURE.length)) as IndexedPage;
    });
}
