/**
 * The preview image's content and layout. Text is measured with the installed font's own
 * advances and coverage, so these tests read the font files themselves to check them.
 */
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createOgFontSet } from '../../src/lib/og-font.ts';
import { createOgLayout, OG_HEIGHT, OG_WIDTH, ogCacheKey, ogImageInput, type OgImageInput, TITLE_SIZES } from '../../src/lib/og-layout.ts';
import { site } from '../../src/lib/site.ts';
import { fontSubsets, loadFonts } from '../../src/integrations/og-fonts.ts';

const require = createRequire(import.meta.url);
const fonts = loadFonts();
const fontSet = createOgFontSet(fonts);
const { cleanText, textWidth, wrapText, fitTitle, fitLine, layout: ogImageLayout } = createOgLayout(fontSet);

/** A font file of @fontsource/inter, opened by fontkit apart from the code under test. */
function openFont(file: string): fontkit.Font {
  return fontkit.create(readFileSync(require.resolve(`@fontsource/inter/${file}`))) as fontkit.Font;
}

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
    // Cleaning for the font happens in the layout; the cache key sees the text as written.
    expect(ogImageInput({ ...article, title: ' Chips 🚀 ' }).title).toBe(' Chips 🚀 ');
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

describe('the font', () => {
  it('loads Inter Bold in every subset the package lists, Latin first, and Inter Medium', () => {
    const metadata = JSON.parse(readFileSync(require.resolve('@fontsource/inter/metadata.json'), 'utf8')) as { subsets: string[] };
    expect([...fontSubsets()].sort()).toEqual([...metadata.subsets].sort());
    expect(fonts[0].file).toBe('files/inter-latin-700-normal.woff');
    expect(fonts.filter((font) => font.weight === 700)).toHaveLength(metadata.subsets.length);
    expect(fonts.filter((font) => font.weight === 500).map((font) => font.file)).toEqual(['files/inter-latin-500-normal.woff']);
    for (const font of fonts) expect(Buffer.from(font.data).subarray(0, 4).toString('latin1'), font.file).toBe('wOFF');
  });
  it('knows what it covers from the cmap, not from the ranges the package declares', () => {
    // U+2030 (‰) lies in the Latin subset's declared unicode-range (U+2000-206F) but has no glyph.
    const unicode = JSON.parse(readFileSync(require.resolve('@fontsource/inter/unicode.json'), 'utf8')) as Record<string, string>;
    expect(unicode.latin).toContain('U+2000-206F');
    const latin = openFont('files/inter-latin-700-normal.woff');
    expect(latin.hasGlyphForCodePoint(0x2030)).toBe(false);
    expect(fontSet.covers('‰')).toBe(false);
    expect(cleanText('Margins of 5‰ — “up” 2%')).toBe('Margins of 5 — “up” 2%');
    expect(latin.hasGlyphForCodePoint(0x201c)).toBe(true);
  });
  it('keeps exactly what the metrics it is given cover', () => {
    const onlyA = createOgLayout({ covers: (char) => char === 'a', advance: () => 0.5 });
    expect(onlyA.cleanText('abc aa')).toBe('a aa');
    expect(onlyA.textWidth('aaaa', 10)).toBe(20);
  });
});

describe('textWidth', () => {
  it('adds up the advance widths fontkit reads from the font file, per weight and subset', () => {
    const bold = openFont('files/inter-latin-700-normal.woff');
    const medium = openFont('files/inter-latin-500-normal.woff');
    const greek = openFont('files/inter-greek-700-normal.woff');
    const em = (font: fontkit.Font, text: string) =>
      [...text].reduce((sum, char) => sum + font.glyphForCodePoint(char.codePointAt(0)!).advanceWidth, 0) / font.unitsPerEm;
    const text = 'Senator labels reported China-';
    expect(textWidth(text, 68)).toBeCloseTo(em(bold, text) * 68, 9);
    expect(textWidth('W', 1000)).toBeCloseTo((bold.glyphForCodePoint(0x57).advanceWidth * 1000) / bold.unitsPerEm, 9);
    expect(textWidth('22 November 2024', 30, 0, 500)).toBeCloseTo(em(medium, '22 November 2024') * 30, 9);
    expect(textWidth('22 November 2024', 30, 0, 500)).not.toBeCloseTo(textWidth('22 November 2024', 30), 1);
    expect(textWidth('Ω', 100)).toBeCloseTo(em(greek, 'Ω') * 100, 9);
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

