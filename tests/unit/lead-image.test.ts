/**
 * Lead images: the frontmatter rules (alt, decorative, a relative src), the file rules (where the
 * file may be, that it exists and is wide enough) and the props the article page renders.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/lib/content-schema.ts';
import { sanitizeArticleHtml } from '../../src/lib/sanitize.ts';
import { LEAD_IMAGE_SIZES, leadImageFileProblems, leadImageView, MIN_LEAD_IMAGE_WIDTH, emittedPath, shareCrops, thumbnailView } from '../../src/lib/lead-image.ts';

const base = { title: 'A title', date: '2024-05-01', topics: ['chips'] };
const check = (image: unknown) => checkArticle({ ...base, image }, 'a.md').problems;

describe('the image frontmatter', () => {
  it('accepts an image with alt, caption and credit, and a decorative one with an empty alt', () => {
    expect(check({ src: './chart.png', alt: 'A chart', caption: 'Totals.', credit: 'Newsroom' })).toEqual([]);
    expect(check({ src: '../images/map.png', alt: '', decorative: true })).toEqual([]);
    expect(check({ src: './chart.png', decorative: true })).toEqual([]);
  });

  it('requires alt unless the image is decorative, naming the article and the field', () => {
    expect(check({ src: './chart.png' })).toEqual(['a.md: image.alt: is required; describe the image, or set decorative: true and alt: ""']);
    expect(check({ src: './chart.png', alt: '  ' })).toEqual(['a.md: image.alt: must not be empty unless decorative is true']);
    expect(check({ src: './chart.png', alt: 'A chart', decorative: true })).toEqual(['a.md: image.alt: must be empty ("") when decorative is true']);
  });

  it('refuses a src that is missing or not relative to the article, and unknown fields', () => {
    expect(check({ alt: 'A chart' })).toEqual(['a.md: image.src: is required']);
    expect(check({ src: 'https://example.org/x.png', alt: 'A chart' })).toEqual(['a.md: image.src: must be a path relative to the article, starting with ./ or ../']);
    expect(check({ src: './x.png', alt: 'A chart', title: 'x' })).toEqual(['a.md: image.title: unknown field']);
    expect(check('./x.png')).toEqual(['a.md: image: must be a map with src: and alt: (and optionally caption:, credit:, decorative:)']);
  });
});

describe('the image file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lead-image-'));
  const contentDir = join(dir, 'content');
  const article = join(contentDir, 'articles', 'a.md');
  const png = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#1d4ed8' } })
      .png()
      .toBuffer();

  beforeAll(async () => {
    mkdirSync(join(contentDir, 'articles'), { recursive: true });
    mkdirSync(join(contentDir, 'images'), { recursive: true });
    writeFileSync(join(contentDir, 'articles', 'wide.png'), await png(MIN_LEAD_IMAGE_WIDTH, 630));
    writeFileSync(join(contentDir, 'articles', 'small.png'), await png(MIN_LEAD_IMAGE_WIDTH - 1, 630));
    writeFileSync(join(contentDir, 'images', 'map.png'), await png(1600, 900));
    writeFileSync(join(dir, 'outside.png'), await png(1600, 900));
    writeFileSync(join(contentDir, 'articles', 'not-an-image.png'), 'text');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a wide enough file next to the article or under content/images/', async () => {
    expect(await leadImageFileProblems('./wide.png', article, contentDir)).toEqual([]);
    expect(await leadImageFileProblems('../images/map.png', article, contentDir)).toEqual([]);
  });

  it('refuses a missing file, a narrow one, one that is not an image and one elsewhere', async () => {
    expect(await leadImageFileProblems('./gone.png', article, contentDir)).toEqual(['image.src: ./gone.png does not exist']);
    expect(await leadImageFileProblems('./small.png', article, contentDir)).toEqual([
      `image.src: ./small.png is ${MIN_LEAD_IMAGE_WIDTH - 1} px wide; a lead image must be at least ${MIN_LEAD_IMAGE_WIDTH} px wide`,
    ]);
    expect(await leadImageFileProblems('./not-an-image.png', article, contentDir)).toEqual(['image.src: ./not-an-image.png cannot be read as an image']);
    expect(await leadImageFileProblems('../../outside.png', article, contentDir)).toEqual([
      `image.src: ../../outside.png must be next to the article or under ${contentDir}/images/`,
    ]);
  });
});

describe('the lead image view', () => {
  const src = { width: 1600, height: 900 };

  it('asks for AVIF and WebP with a JPEG fallback, eager and high priority', () => {
    const { picture } = leadImageView({ src, alt: 'A chart' });
    expect(picture).toMatchObject({ formats: ['avif', 'webp'], fallbackFormat: 'jpg', loading: 'eager', fetchpriority: 'high', sizes: LEAD_IMAGE_SIZES });
  });

  it('offers widths from a 375 px phone to the 2x column, never wider than the file', () => {
    expect(leadImageView({ src, alt: '' }).picture.widths).toEqual([375, 640, 750, 1280]);
    expect(leadImageView({ src: { width: 1200, height: 600 }, alt: '' }).picture.widths).toEqual([375, 640, 750]);
  });

  it('sets width and height in the file’s proportions, at most the 2x column', () => {
    expect(leadImageView({ src, alt: '' }).picture).toMatchObject({ width: 1280, height: 720 });
    expect(leadImageView({ src: { width: 1200, height: 900 }, alt: '' }).picture).toMatchObject({ width: 1200, height: 900 });
  });
});

describe('the share crops', () => {
  it('are 1200x630, 4:3 and 1:1, each as large as the file allows up to 1200 px wide', () => {
    expect(shareCrops({ width: 1600, height: 900 })).toEqual([
      { width: 1200, height: 630 },
      { width: 1200, height: 900 },
      { width: 900, height: 900 },
    ]);
    expect(shareCrops({ width: 2400, height: 2400 })).toEqual([
      { width: 1200, height: 630 },
      { width: 1200, height: 900 },
      { width: 1200, height: 1200 },
    ]);
    expect(shareCrops({ width: 1200, height: 315 })[0]).toEqual({ width: 600, height: 315 });
  });
});

describe('the listing thumbnail', () => {
  it('is decorative, lazy and 120 px wide in the file’s proportions', () => {
    expect(thumbnailView({ src: { width: 1600, height: 900 }, alt: 'A chart' })).toMatchObject({ alt: '', loading: 'lazy', width: 120, height: 68, widths: [120, 240] });
  });
});

describe('emittedPath', () => {
  it('takes the base path off an emitted file’s address', () => {
    expect(emittedPath('/policy/_astro/a.jpg', '/policy/')).toBe('/_astro/a.jpg');
    expect(emittedPath('/_astro/a.jpg', '/')).toBe('/_astro/a.jpg');
    expect(() => emittedPath('/other/_astro/a.jpg', '/policy/')).toThrow(/not under the base path/);
  });
});

describe('images in the body', () => {
  it('load lazily, unlike the lead image', () => {
    expect(sanitizeArticleHtml('<p><img src="/a.png" alt="A map"></p>')).toMatch(/<img src="[^"]*a\.png" alt="A map" loading="lazy" \/>|<img src="[^"]*a\.png" alt="A map" loading="lazy">/);
    expect(sanitizeArticleHtml('<p><img src="/a.png" alt="A map" loading="auto"></p>')).toContain('loading="lazy"');
  });
});
