/**
 * Lead images in the fixture build (tests/fixtures/articles/lead-image.md): a <picture> with AVIF
 * and WebP sources and a JPEG fallback, a srcset from a 375 px phone to the 2x column, the box's
 * size set, the image eager and first in line, caption and credit in the figure; and a build of
 * articles with a missing file, a narrow image and no alt, refused naming each article and field.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';
import { htmlFiles, readPage } from '../helpers/dist.ts';
import { fixtureContent, fixtureDist, root } from '../helpers/paths.ts';
import { runBuild } from '../helpers/run-build.ts';

const withImage = readContentArticles(fixtureContent).filter((article) => article.image && !article.draft);
const figureOf = (slug: string) => readPage(fixtureDist, paths.article(slug)).querySelector('article .lead-image');
const widthsOf = (srcset: string | null) => (srcset ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/));

describe('the lead image of an article', () => {
  it('is in the fixture', () => {
    expect(withImage.map((article) => article.slug)).toContain('lead-image');
  });

  for (const article of withImage) {
    it(`is a picture with AVIF, WebP and a JPEG fallback: ${article.slug}`, () => {
      const picture = figureOf(article.slug)?.querySelector('picture');
      expect(picture, article.file).toBeTruthy();
      const types = [...picture!.querySelectorAll('source')].map((source) => source.getAttribute('type'));
      expect(types).toEqual(['image/avif', 'image/webp']);
      const img = picture!.querySelector('img')!;
      expect(img.getAttribute('src')).toMatch(/^\/_astro\/.+\.jpg$/);
      for (const candidate of [...picture!.querySelectorAll('source'), img]) {
        const srcset = widthsOf(candidate.getAttribute('srcset'));
        expect(srcset.map(([, width]) => width)).toEqual(['375w', '640w', '750w', '1280w']);
        for (const [file] of srcset) expect(existsSync(join(fixtureDist, file)), file).toBe(true);
        expect(candidate.getAttribute('sizes')).toBe('(max-width: 42rem) calc(100vw - 2rem), 40rem');
      }
    });

    it(`has its size set, loads first, and carries alt, caption and credit: ${article.slug}`, () => {
      const figure = figureOf(article.slug)!;
      const img = figure.querySelector('img')!;
      expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
      expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
      expect(img.getAttribute('loading')).toBe('eager');
      expect(img.getAttribute('fetchpriority')).toBe('high');
      expect(img.getAttribute('alt')).toBe(article.image!.decorative ? '' : article.image!.alt);
      const caption = figure.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      for (const part of [article.image!.caption, article.image!.credit]) if (part) expect(caption).toContain(part);
    });
  }
});

describe('the social card and search images of an article with a lead image', () => {
  const size = async (address: string) => {
    const path = new URL(address).pathname;
    expect(address).toBe(absoluteUrl(path));
    const { width, height, format } = await sharp(join(fixtureDist, path)).metadata();
    return { width, height, format };
  };

  for (const article of withImage) {
    it(`are crops of the lead image, 1200x630 for og:image and twitter:image: ${article.slug}`, async () => {
      const page = readPage(fixtureDist, paths.article(article.slug));
      const meta = (selector: string) => page.querySelector(`head meta[${selector}]`)?.getAttribute('content') ?? '';
      const card = meta('property="og:image"');
      expect(card).not.toBe(absoluteUrl(paths.ogImage(article.slug)));
      expect(meta('name="twitter:image"')).toBe(card);
      expect(await size(card)).toEqual({ width: 1200, height: 630, format: 'jpeg' });
      expect([meta('property="og:image:type"'), meta('property="og:image:width"'), meta('property="og:image:height"')]).toEqual(['image/jpeg', '1200', '630']);
      expect(meta('property="og:image:alt"')).toBe(article.image!.alt || article.title);

      const jsonLd = JSON.parse(page.querySelector('script[type="application/ld+json"]')!.textContent!) as { image: string[] };
      expect(jsonLd.image[0]).toBe(card);
      const ratios = await Promise.all(jsonLd.image.map(async (address) => {
        const { width, height } = await size(address);
        return Math.round((width! / height!) * 100) / 100;
      }));
      expect(ratios).toEqual([Math.round((1200 / 630) * 100) / 100, 1.33, 1]);
    });
  }
});

describe('feeds', () => {
  const files = readdirSync(fixtureDist, { recursive: true, encoding: 'utf8' });
  const rssItems = files.filter((name) => name.endsWith('.xml') && !name.includes('sitemap')).flatMap((name) => readFileSync(join(fixtureDist, name), 'utf8').match(/<item>[\s\S]*?<\/item>/g) ?? []);
  const jsonItems = files
    .filter((name) => name.endsWith('.json') && name.includes('feed'))
    .flatMap((name) => (JSON.parse(readFileSync(join(fixtureDist, name), 'utf8')) as { items?: { url: string; image?: string }[] }).items ?? []);
  const attribute = (element: string | undefined, name: string) => element?.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

  for (const article of withImage) {
    it(`carry the lead image with its byte length in RSS and as the JSON Feed image: ${article.slug}`, () => {
      const link = absoluteUrl(paths.article(article.slug));
      const items = rssItems.filter((item) => item.includes(`<link>${link}</link>`));
      expect(items.length, link).toBeGreaterThan(0);
      for (const item of items) {
        const enclosure = item.match(/<enclosure [^>]*>/)?.[0];
        const media = item.match(/<media:content [^>]*>/)?.[0];
        const address = attribute(enclosure, 'url')!;
        const file = join(fixtureDist, new URL(address).pathname);
        expect(existsSync(file), address).toBe(true);
        expect(Number(attribute(enclosure, 'length'))).toBe(statSync(file).size);
        expect(attribute(enclosure, 'type')).toBe('image/png');
        expect(attribute(media, 'url')).toBe(address);
        expect(attribute(media, 'medium')).toBe('image');
      }
      const json = jsonItems.filter((item) => item.url === link);
      expect(json.length).toBeGreaterThan(0);
      for (const item of json) expect(item.image).toBe(attribute(items[0].match(/<enclosure [^>]*>/)?.[0], 'url'));
    });
  }

  it('carry no image for an article without one', () => {
    const plain = readContentArticles(fixtureContent).find((article) => !article.image && !article.draft)!;
    const link = absoluteUrl(paths.article(plain.slug));
    const items = rssItems.filter((item) => item.includes(`<link>${link}</link>`));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).not.toMatch(/<enclosure|<media:content/);
    for (const item of jsonItems.filter((each) => each.url === link)) expect(item.image).toBeUndefined();
  });
});

describe('listings', () => {
  const hasImage = new Map(readContentArticles(fixtureContent).map((article) => [url(paths.article(article.slug)), Boolean(article.image)]));
  const listings = htmlFiles(fixtureDist).filter((file) => file === 'index.html' || /^(topics|entities|authors)\/[^/]+\/(\d+\/)?index\.html$/.test(file));

  it('show a small decorative thumbnail for each article with a lead image, and none for the others', () => {
    let thumbnails = 0;
    for (const file of listings) {
      for (const item of readPage(fixtureDist, file.replace(/index\.html$/, '')).querySelectorAll('.article-item')) {
        const href = item.querySelector('.article-item-title a')!.getAttribute('href')!;
        const thumb = item.querySelector('picture img.article-thumb');
        expect(Boolean(thumb), `${file}: ${href}`).toBe(hasImage.get(href));
        if (!thumb) continue;
        thumbnails += 1;
        expect(thumb.getAttribute('alt')).toBe('');
        expect(thumb.getAttribute('loading')).toBe('lazy');
        expect(Number(thumb.getAttribute('width'))).toBe(120);
        expect(Number(thumb.getAttribute('height'))).toBeGreaterThan(0);
      }
    }
    // The home page, the topics, entities and authors of the seed's illustrated articles list them.
    expect(thumbnails).toBeGreaterThan(3);
  });
});

describe('a build with bad lead images', () => {
  const work = mkdtempSync(join(tmpdir(), 'lead-image-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('fails naming each article and field, all in one run', async () => {
    const content = join(work, 'content');
    cpSync(join(root, 'content'), content, { recursive: true });
    writeFileSync(join(content, 'articles/narrow.png'), await sharp({ create: { width: 800, height: 450, channels: 3, background: '#888888' } }).png().toBuffer());
    const article = (name: string, image: string) =>
      writeFileSync(join(content, 'articles', `${name}.md`), `---\ntitle: ${name}\ndate: 2024-05-01\ntopics: [chips]\nimage:\n${image}---\n\nBody text.\n`);
    article('missing-file', '  src: ./gone.png\n  alt: A chart\n');
    article('narrow-image', '  src: ./narrow.png\n  alt: A chart\n');
    article('no-alt', '  src: ./narrow.png\n  caption: A chart\n');
    const { code, output } = await runBuild(content, join(work, 'dist'));
    expect(code).not.toBe(0);
    expect(output).toContain('missing-file.md: image.src: ./gone.png does not exist');
    expect(output).toContain('narrow-image.md: image.src: ./narrow.png is 800 px wide; a lead image must be at least 1200 px wide');
    expect(output).toContain('no-alt.md: image.alt: is required');
    expect(existsSync(join(work, 'dist'))).toBe(false);
  });
});
