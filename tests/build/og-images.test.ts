/**
 * Every published article without a lead image has its social preview image in
 * dist/og/<slug>.png: a real PNG of 1200×630 under 100 KB. Checked on both the real site and the fixture site, against the
 * Markdown files rather than the site's own model, and against the pages: every og:image a page
 * announces exists, and shows the title, first topic and date that page shows.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { createRenderer } from '../../src/integrations/og-worker.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';
import { readPage } from '../helpers/dist.ts';
import { fixtureContent, fixtureDist, root, siteDist } from '../helpers/paths.ts';

const render = createRenderer();

const sites = [
  { name: 'site (content/)', contentDir: `${root}content`, distDir: siteDist },
  { name: 'fixture', contentDir: fixtureContent, distDir: fixtureDist },
];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_BYTES = 100 * 1024;

/** Width and height from the IHDR chunk, which a PNG must start with after its signature. */
function pngHeader(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 33 || !PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return null;
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each(sites)('$name', ({ contentDir, distDir }) => {
  const articles = readContentArticles(contentDir);
  const published = articles.filter((article) => !article.draft);
  // An article with a lead image announces a crop of it instead (tests/build/lead-image.test.ts).
  const carded = published.filter((article) => !article.image);
  // Every check below goes article by article, so without articles it would check nothing.
  if (published.length === 0) throw new Error(`${contentDir} has no published article to check`);
  const imageFile = (slug: string) => join(distDir, paths.ogImage(slug).replace(/^\//, ''));

  it('gives every published article without a lead image a 1200×630 PNG under 100 KB', () => {
    expect(carded.length).toBeGreaterThan(0);
    for (const article of carded) {
      const file = imageFile(article.slug);
      expect(existsSync(file), `${article.file}: ${paths.ogImage(article.slug)} is missing`).toBe(true);
      const bytes = readFileSync(file);
      expect(pngHeader(bytes), `${article.file}: ${paths.ogImage(article.slug)} is not a PNG`).toEqual({ width: 1200, height: 630 });
      expect(statSync(file).size, `${article.file}: ${paths.ogImage(article.slug)} is too large`).toBeLessThan(MAX_BYTES);
      expect(bytes.readUInt32BE(bytes.length - 12), 'ends with an empty IEND chunk').toBe(0);
      expect(bytes.toString('latin1', bytes.length - 8, bytes.length - 4)).toBe('IEND');
    }
  });

  it('makes no image for a draft, an article with a lead image, or anything but a published article', () => {
    const expected = new Set(carded.map((article) => `${article.slug}.png`));
    const built = readdirSync(join(distDir, 'og'));
    expect(built.filter((name) => !expected.has(name))).toEqual([]);
    expect(built.length).toBe(expected.size);
  });

  it('draws a different image for each article', () => {
    const seen = new Map<string, string>();
    for (const article of carded) {
      const digest = createHash('sha256').update(readFileSync(imageFile(article.slug))).digest('hex');
      expect(seen.get(digest), `${article.file} has the same image as ${seen.get(digest)}`).toBeUndefined();
      seen.set(digest, article.file);
    }
  });

  it('draws, for every article page without a lead image, the image it announces from what the page shows', () => {
    for (const article of carded) {
      const page = readPage(distDir, paths.article(article.slug));
      const announced = page.querySelector('meta[property="og:image"]')?.getAttribute('content');
      expect(announced, `${article.file}: og:image`).toBe(absoluteUrl(paths.ogImage(article.slug)));
      const shown = {
        title: page.querySelector('h1')?.textContent ?? '',
        topic: page.querySelector('.article-header .topic-links a')?.textContent ?? '',
        date: page.querySelector('.article-header time')?.textContent ?? '',
        siteName: site.title,
      };
      expect(readFileSync(imageFile(article.slug)).equals(render(shown)), `${article.file}: the image does not show ${JSON.stringify(shown)}`).toBe(true);
    }
  });
});
