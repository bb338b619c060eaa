import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  encodeIndexedPng,
  fitLine,
  fitTitle,
  OG_FONT,
  OG_HEIGHT,
  OG_WIDTH,
  ogCacheKey,
  ogFontFiles,
  ogImageInput,
  ogImageLayout,
  type OgImageInput,
  pngSize,
  textWidth,
  TITLE_SIZES,
  wrapText,
} from '../../src/lib/og-image.ts';
import { site } from '../../src/lib/site.ts';
import { createOgImageGenerator, pruneCache } from '../../src/integrations/og-images.ts';

const require = createRequire(import.meta.url);

const input: OgImageInput = {
  title: 'Huawei aims to mass-produce advanced AI chip by 2025',
  topic: 'Chips',
  date: '22 November 2024',
  siteName: 'Tech Policy Wire',
};
const renderer = 'font-hash;fontkit@1;resvg@2';

const seedTitles = [
  'Alibaba combines domestic and global e-commerce units',
  'China’s SpaceSail takes on Starlink in Latin America',
  'FCC targets video doorbell maker from China over security flaws',
  'Senator labels reported China-linked hack on US telecoms as historic breach',
  'Global south needs better AI access, says Xi',
];

describe('ogImageInput', () => {
  it('takes the title, the first topic, the printed date and the site name', () => {
    const article = {
      title: 'Huawei aims to mass-produce advanced AI chip by 2025',
      date: new Date(Date.UTC(2024, 10, 22)),
      topics: [{ name: 'Chips' }, { name: 'AI' }],
    };
    expect(ogImageInput(article)).toEqual({ ...input, siteName: site.title });
    expect(ogImageInput(article, 'Other Site').siteName).toBe('Other Site');
  });
  it('leaves the topic empty for an article without topics', () => {
    expect(ogImageInput({ title: 'T', date: new Date(0), topics: [] }).topic).toBe('');
  });
});

describe('ogCacheKey', () => {
  const key = ogCacheKey(input, renderer);

  it('is stable for the same image', () => {
    expect(ogCacheKey({ ...input }, renderer)).toBe(key);
    expect(ogCacheKey({ siteName: input.siteName, date: input.date, topic: input.topic, title: input.title }, renderer)).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{40}$/);
  });
  it('changes with everything drawn on the image', () => {
    const keys = [
      key,
      ogCacheKey({ ...input, title: `${input.title}!` }, renderer),
      ogCacheKey({ ...input, topic: 'AI' }, renderer),
      ogCacheKey({ ...input, topic: '' }, renderer),
      ogCacheKey({ ...input, date: '23 November 2024' }, renderer),
      ogCacheKey({ ...input, siteName: 'Another Wire' }, renderer),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('changes with the font and the renderer versions', () => {
    expect(ogCacheKey(input, 'other-font-hash;fontkit@1;resvg@2')).not.toBe(key);
    expect(ogCacheKey(input, 'font-hash;fontkit@2;resvg@2')).not.toBe(key);
  });
  it('cannot be fooled by moving text between fields', () => {
    expect(ogCacheKey({ ...input, title: 'a', topic: 'bc' }, renderer)).not.toBe(ogCacheKey({ ...input, title: 'ab', topic: 'c' }, renderer));
  });
});

describe('cleanText', () => {
  it('keeps Latin, Greek and Cyrillic letters with their accents and typographic punctuation', () => {
    expect(cleanText('Škoda, Łódź & Ærø — “Ελλάδα” ‘Россия’ 100% €5…')).toBe('Škoda, Łódź & Ærø — “Ελλάδα” ‘Россия’ 100% €5…');
  });
  it('leaves out what the font cannot draw and collapses the space it leaves', () => {
    expect(cleanText('Launch 🚀 of Huawei 华为 phone 👍🏽 today 🇨🇳')).toBe('Launch of Huawei phone today');
  });
  it('turns line breaks and controls into spaces and drops invisible format characters', () => {
    expect(cleanText('  Data\n\tcentre\u0000rules  ')).toBe('Data centre rules');
    expect(cleanText('semi\u00ADconductor zero\u200Bwidth')).toBe('semiconductor zerowidth');
  });
});

describe('textWidth', () => {
  it('measures Inter Bold as the font does', () => {
    // Advance width of this string in inter-latin-700-normal.woff at 68 px: 1020.66 px.
    expect(textWidth('Senator labels reported China-', 68)).toBeCloseTo(1020.66, 0);
    expect(textWidth('', 80)).toBe(0);
  });
  it('adds letter spacing per character', () => {
    expect(textWidth('ABC', 30, 2) - textWidth('ABC', 30)).toBeCloseTo(6);
  });
});

describe('wrapText', () => {
  it('keeps every word, in order, on lines no wider than the limit', () => {
    for (const title of seedTitles) {
      for (const size of TITLE_SIZES) {
        const lines = wrapText(title, 1056, size);
        expect(lines.join(' ')).toBe(title);
        for (const line of lines) expect(textWidth(line, size), line).toBeLessThanOrEqual(1056);
      }
    }
  });
  it('fills each line before starting the next (greedy)', () => {
    const lines = wrapText('aaa bbb aaa bbb aaa', textWidth('aaa bbb', 50), 50);
    expect(lines).toEqual(['aaa bbb', 'aaa bbb', 'aaa']);
  });
  it('keeps a short title on one line', () => {
    expect(wrapText('Global south needs AI', 1056, 80)).toEqual(['Global south needs AI']);
  });
  it('breaks a word longer than a line, after a hyphen where it can', () => {
    const word = 'Super-califragilisticexpialidocious-antidisestablishmentarianism';
    const lines = wrapText(word, 600, 64);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);
    expect(lines[0]).toBe('Super-');
    for (const line of lines) expect(textWidth(line, 64)).toBeLessThanOrEqual(600);
  });
  it('returns no lines for empty text', () => {
    expect(wrapText('   ', 1000, 50)).toEqual([]);
  });
});

describe('fitTitle', () => {
  it('sets a short title at the largest size', () => {
    const fitted = fitTitle('Xi meets Biden');
    expect(fitted.fontSize).toBe(TITLE_SIZES[0]);
    expect(fitted.lines).toEqual(['Xi meets Biden']);
    expect(fitted.truncated).toBe(false);
  });
  it('fits every seed title whole, within the title box', () => {
    for (const title of seedTitles) {
      const fitted = fitTitle(title, 1056, 348);
      expect(fitted.truncated, title).toBe(false);
      expect(fitted.lines.join(' ')).toBe(title);
      expect(fitted.lines.length * fitted.lineHeight).toBeLessThanOrEqual(348);
    }
  });
  it('uses a smaller size for a longer title', () => {
    expect(fitTitle(seedTitles[3]).fontSize).toBeLessThan(fitTitle('Xi meets Biden').fontSize);
  });
  it('cuts a title too long for the smallest size with an ellipsis', () => {
    const title = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const fitted = fitTitle(title, 1056, 348);
    expect(fitted.truncated).toBe(true);
    expect(fitted.fontSize).toBe(TITLE_SIZES.at(-1));
    expect(fitted.lines.length * fitted.lineHeight).toBeLessThanOrEqual(348);
    expect(fitted.lines.at(-1)).toMatch(/…$/);
    for (const line of fitted.lines) expect(textWidth(line, fitted.fontSize)).toBeLessThanOrEqual(1056);
    expect(title.startsWith(fitted.lines.join(' ').replace(/…$/, ''))).toBe(true);
  });
});

describe('fitLine', () => {
  it('keeps text that fits and cuts text that does not with an ellipsis', () => {
    expect(fitLine('CHIPS', 500, 30)).toBe('CHIPS');
    const cut = fitLine('A VERY LONG TOPIC NAME THAT GOES ON AND ON AND ON AND ON', 400, 30, 2);
    expect(cut).toMatch(/…$/);
    expect(textWidth(cut, 30, 2)).toBeLessThanOrEqual(400);
  });
});

describe('ogImageLayout', () => {
  it('shows the topic in capitals, the title lines, the site name and the date', () => {
    const layout = ogImageLayout(input);
    expect(layout.texts.map((text) => text.text)).toEqual(['CHIPS', ...fitTitle(input.title).lines, 'Tech Policy Wire', '22 November 2024']);
    expect([layout.width, layout.height]).toEqual([OG_WIDTH, OG_HEIGHT]);
  });
  it('stacks the title lines one line height apart, centred between the label and the footer', () => {
    for (const title of seedTitles) {
      const layout = ogImageLayout({ ...input, title });
      const [label, ...rest] = layout.texts;
      const footer = rest.slice(-2);
      const lines = rest.slice(0, -2);
      lines.forEach((line, i) => expect(line.top).toBe(lines[0].top + i * line.lineHeight));
      const above = lines[0].top - (label.top + label.lineHeight);
      const below = footer[0].top - (lines.at(-1)!.top + lines.at(-1)!.lineHeight);
      expect(Math.abs(above - below), title).toBeLessThanOrEqual(1);
      expect(above, title).toBeGreaterThan(0);
    }
  });
  it('puts the date against the right margin and nothing over the band', () => {
    const layout = ogImageLayout(input);
    const date = layout.texts.at(-1)!;
    expect(date).toMatchObject({ align: 'right', x: OG_WIDTH - 72, weight: 500 });
    const band = layout.rects[0];
    for (const text of layout.texts) expect(text.top).toBeGreaterThanOrEqual(band.y + band.height);
  });
  it('leaves out an empty topic line', () => {
    expect(ogImageLayout({ ...input, topic: '' }).texts.map((text) => text.text)).not.toContain('');
  });
});

describe('the font', () => {
  it('lists the character ranges of each subset as the installed package does', () => {
    const unicode = JSON.parse(readFileSync(require.resolve(`${OG_FONT.package}/unicode.json`), 'utf8')) as Record<string, string>;
    for (const [subset, ranges] of Object.entries(OG_FONT.subsets)) expect(ranges, subset).toBe(unicode[subset]);
  });
  it('names font files that are installed, as woff', () => {
    for (const { file } of ogFontFiles()) {
      expect(file).toMatch(/\.woff$/);
      expect(readFileSync(require.resolve(`${OG_FONT.package}/${file}`)).subarray(0, 4).toString('latin1')).toBe('wOFF');
    }
  });
});

describe('encodeIndexedPng', () => {
  /** Decodes a palette PNG made by encodeIndexedPng back to its rows and palette. */
  function decode(png: Buffer): { width: number; height: number; rows: Uint8Array; palette: Uint8Array } {
    let offset = 8;
    let palette: Uint8Array = new Uint8Array();
    const idat: Buffer[] = [];
    let width = 0;
    let height = 0;
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        expect([data[8], data[9]]).toEqual([8, 3]);
      }
      if (type === 'PLTE') palette = new Uint8Array(data);
      if (type === 'IDAT') idat.push(data);
      offset += 12 + length;
    }
    return { width, height, rows: new Uint8Array(inflateSync(Buffer.concat(idat))), palette };
  }

  it('stores the rows and the palette losslessly', () => {
    const width = 37;
    const height = 11;
    const rows = new Uint8Array((width + 1) * height);
    for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) rows[y * (width + 1) + 1 + x] = (x * 7 + y) % 5;
    const palette = Uint8Array.of(15, 27, 61, 255, 255, 255, 138, 180, 255, 1, 2, 3, 200, 100, 0);
    const png = encodeIndexedPng(rows, width, height, palette);
    expect(pngSize(png)).toEqual({ width, height });
    expect(decode(png)).toEqual({ width, height, rows, palette });
  });
  it('refuses rows that do not match the size and palettes PNG cannot hold', () => {
    expect(() => encodeIndexedPng(new Uint8Array(10), 2, 2, Uint8Array.of(0, 0, 0))).toThrow(/10 bytes for 2×2/);
    expect(() => encodeIndexedPng(new Uint8Array(6), 2, 2, new Uint8Array(257 * 3))).toThrow(/257 colours/);
    expect(() => encodeIndexedPng(new Uint8Array(6), 2, 2, new Uint8Array(0))).toThrow(/0 colours/);
  });
});

describe('pngSize', () => {
  it('reads the size from the header and rejects what is not a PNG', () => {
    const png = encodeIndexedPng(new Uint8Array((OG_WIDTH + 1) * 2), OG_WIDTH, 2, Uint8Array.of(255, 255, 255));
    expect(pngSize(png)).toEqual({ width: OG_WIDTH, height: 2 });
    expect(pngSize(Buffer.from('GIF89a not a png at all, really'))).toBeNull();
    expect(OG_HEIGHT).toBe(630);
  });
});

describe('the image generator and its cache', () => {
  const inputs: OgImageInput[] = [input, { ...input, title: 'Global south needs better AI access, says Xi', topic: 'Diplomacy' }];

  it.each([0, 1])('renders missing images once, with %i worker thread(s), and reads them from the cache after', async (workers) => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const cold = createOgImageGenerator({ cacheDir, workers });
      cold.prefetch(inputs);
      const first = await Promise.all(inputs.map((each) => cold.png(each)));
      await cold.idle();
      expect(cold.stats()).toMatchObject({ fromCache: 0, rendered: 2, workers });
      for (const png of first) {
        expect(pngSize(png)).toEqual({ width: OG_WIDTH, height: OG_HEIGHT });
        expect(png.length).toBeLessThan(100 * 1024);
      }
      await cold.close();

      const warm = createOgImageGenerator({ cacheDir, workers });
      warm.prefetch(inputs);
      expect(await warm.png(inputs[0])).toEqual(first[0]);
      expect(warm.stats()).toMatchObject({ fromCache: 2, rendered: 0 });

      // An image deleted from the cache after the build listed it is rendered again.
      rmSync(await warm.file(inputs[1]));
      expect(await warm.png(inputs[1])).toEqual(first[1]);
      expect(warm.stats().rendered).toBe(1);
      await warm.close();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('gives the worker every image at once, so it renders them while the main thread is busy', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const many = Array.from({ length: 12 }, (_, i) => ({ ...input, title: `Headline number ${i}` }));
      const generator = createOgImageGenerator({ cacheDir, workers: 1 });
      generator.prefetch(many);
      // The main thread never yields here, as when Astro renders a long page: a worker that has to
      // ask for its next image stops after the first few.
      const deadline = Date.now() + 20_000;
      let written = 0;
      while (Date.now() < deadline && written < many.length) {
        written = readdirSync(cacheDir).filter((name) => name.endsWith('.png')).length;
      }
      expect(written).toBe(many.length);
      await generator.idle();
      expect(generator.stats()).toMatchObject({ rendered: many.length, workers: 1 });
      await generator.close();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails the images still rendering when closed, and is idle after', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const generator = createOgImageGenerator({ cacheDir, workers: 1 });
      const pending = generator.file({ ...input, title: 'Closed before it was drawn' });
      // The worker takes far longer to load its fonts than this takes to close it.
      await generator.close();
      await expect(pending).rejects.toThrow(/closed before/);
      await generator.idle();
      expect(generator.stats().rendered).toBe(0);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('prunes, once a day, unused images untouched for 30 days and stale temporary files', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const now = Date.now();
      const day = 24 * 60 * 60 * 1000;
      const files = { 'used-old.png': 40, 'unused-old.png': 40, 'unused-new.png': 5, 'x.png.1-a.tmp': 2, 'y.png.1-b.tmp': 0 };
      for (const [name, age] of Object.entries(files)) {
        writeFileSync(join(cacheDir, name), '');
        utimesSync(join(cacheDir, name), (now - age * day) / 1000, (now - age * day) / 1000);
      }
      const names = readdirSync(cacheDir);
      expect(pruneCache(cacheDir, names, new Set(['used-old.png']), now).sort()).toEqual(['unused-old.png', 'x.png.1-a.tmp']);
      expect(readdirSync(cacheDir).sort()).toEqual(['.last-prune', 'unused-new.png', 'used-old.png', 'y.png.1-b.tmp']);
      expect(pruneCache(cacheDir, readdirSync(cacheDir), new Set(), now + 60_000)).toEqual([]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
