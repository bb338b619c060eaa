import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  encodePalettePng,
  fitLine,
  fitTitle,
  OG_FONT,
  OG_HEIGHT,
  OG_WIDTH,
  ogCacheKey,
  ogFontFiles,
  ogImageInput,
  ogImageTree,
  type OgElement,
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
const renderer = 'font-hash;satori@1;resvg@2';

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
    expect(ogCacheKey(input, 'other-font-hash;satori@1;resvg@2')).not.toBe(key);
    expect(ogCacheKey(input, 'font-hash;satori@2;resvg@2')).not.toBe(key);
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

describe('ogImageTree', () => {
  const texts = (node: OgElement): string[] => {
    const { children } = node.props;
    if (typeof children === 'string') return [children];
    if (!children) return [];
    return (Array.isArray(children) ? children : [children]).flatMap(texts);
  };

  it('shows the topic in capitals, the title lines, the site name and the date', () => {
    const tree = ogImageTree(input);
    expect(texts(tree)).toEqual(['CHIPS', ...fitTitle(input.title).lines, 'Tech Policy Wire', '22 November 2024']);
    expect(tree.props.style).toMatchObject({ width: '100%', height: '100%', display: 'flex' });
  });
  it('gives every element with several children a flex display, as satori requires', () => {
    const check = (node: OgElement) => {
      const { children } = node.props;
      if (Array.isArray(children)) {
        expect(node.props.style.display).toBe('flex');
        children.forEach(check);
      }
    };
    check(ogImageTree({ ...input, title: seedTitles[3] }));
  });
});

describe('the font', () => {
  it('lists the character ranges of each subset as the installed package does', () => {
    const unicode = JSON.parse(readFileSync(require.resolve(`${OG_FONT.package}/unicode.json`), 'utf8')) as Record<string, string>;
    for (const [subset, ranges] of Object.entries(OG_FONT.subsets)) expect(ranges, subset).toBe(unicode[subset]);
  });
  it('names font files that are installed, as woff (satori cannot read woff2)', () => {
    for (const { file } of ogFontFiles()) {
      expect(file).toMatch(/\.woff$/);
      expect(readFileSync(require.resolve(`${OG_FONT.package}/${file}`)).subarray(0, 4).toString('latin1')).toBe('wOFF');
    }
  });
});

describe('encodePalettePng', () => {
  /** Decodes a palette PNG made by encodePalettePng back to RGBA. */
  function decode(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
    let offset = 8;
    let palette: Uint8Array = new Uint8Array();
    const idat: Buffer[] = [];
    let width = 0;
    let height = 0;
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        expect([data[8], data[9]]).toEqual([8, 3]);
      }
      if (type === 'PLTE') palette = data;
      if (type === 'IDAT') idat.push(data);
      offset += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(idat));
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y += 1) {
      expect(raw[y * (width + 1)]).toBe(0);
      for (let x = 0; x < width; x += 1) {
        const index = raw[y * (width + 1) + 1 + x];
        rgba.set([palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2], 255], (y * width + x) * 4);
      }
    }
    return { width, height, rgba };
  }

  function image(width: number, height: number, colour: (x: number, y: number) => [number, number, number, number]): Uint8Array {
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) rgba.set(colour(x, y), (y * width + x) * 4);
    return rgba;
  }

  it('encodes an opaque image of few colours losslessly', () => {
    const rgba = image(37, 11, (x, y) => [(x % 5) * 50, (y % 4) * 60, (x + y) % 3 === 0 ? 255 : 0, 255]);
    const png = encodePalettePng(rgba, 37, 11);
    expect(png).not.toBeNull();
    expect(pngSize(png as Buffer)).toEqual({ width: 37, height: 11 });
    const decoded = decode(png as Buffer);
    expect(decoded.rgba).toEqual(rgba);
  });
  it('repeats rows that equal the row above, as a flat design has many', () => {
    const rgba = image(50, 20, (x, y) => (y < 8 || y > 15 ? [15, 27, 61, 255] : [x % 2 ? 255 : 15, 255, y * 10, 255]));
    const png = encodePalettePng(rgba, 50, 20) as Buffer;
    expect(decode(png).rgba).toEqual(rgba);
  });
  it('declines an image with transparency or more than 256 colours', () => {
    expect(encodePalettePng(image(4, 4, (x) => [0, 0, 0, x === 3 ? 128 : 255]), 4, 4)).toBeNull();
    expect(encodePalettePng(image(4, 4, (x, y) => [0, 0, 0, y === 3 ? 0 : 255]), 4, 4)).toBeNull();
    expect(encodePalettePng(image(32, 32, (x, y) => [x * 8, y * 8, 0, 255]), 32, 32)).toBeNull();
  });
  it('declines pixels that do not match the size', () => {
    expect(encodePalettePng(new Uint8Array(12), 2, 2)).toBeNull();
  });
});

describe('pngSize', () => {
  it('reads the size from the header and rejects what is not a PNG', () => {
    const png = encodePalettePng(new Uint8Array(OG_WIDTH * 2 * 4).fill(255), OG_WIDTH, 2) as Buffer;
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
