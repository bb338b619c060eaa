/**
 * The social preview image of an article (`/og/<slug>.png`, 1200×630): what goes on it, how the
 * title is fitted and wrapped, where each line goes, the cache key and a small PNG encoder. Pure
 * functions, no Astro and no file access: src/lib/og-render.ts draws the layout, and
 * src/integrations/og-images.ts runs it on worker threads and caches the results between builds.
 */
import { createHash } from 'node:crypto';
import { constants, crc32, deflateSync } from 'node:zlib';
import { displayDate } from './dates.ts';
import { site } from './site.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Part of every cache key: bump it whenever the layout, colours, sizes, fonts or encoder
 * change, so every cached image is rendered again on the next build.
 */
export const OG_TEMPLATE_VERSION = 2;

/**
 * The font, read from node_modules at build time (as woff, which needs no Brotli): Inter
 * Bold in each of the package's subsets, and Inter Medium (Latin) for the date. Each subset
 * lists the characters it covers, copied from the package's unicode.json (a unit test checks
 * they still match); characters outside all of them are left out of the image rather than
 * drawn as "no glyph" boxes.
 */
export const OG_FONT = {
  family: 'Inter',
  package: '@fontsource/inter',
  subsets: {
    latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
    'latin-ext': 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
    vietnamese: 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
    greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
    'greek-ext': 'U+1F00-1FFF',
    cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
    'cyrillic-ext': 'U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F',
  } as Record<string, string>,
};

/** The font files the renderer loads: Inter Bold in every subset, then Inter Medium (Latin). */
export function ogFontFiles(): { name: string; file: string; weight: 500 | 700 }[] {
  const bold = Object.keys(OG_FONT.subsets).map((subset) => ({
    name: subset === 'latin' ? OG_FONT.family : `${OG_FONT.family} ${subset}`,
    file: `files/inter-${subset}-700-normal.woff`,
    weight: 700 as const,
  }));
  return [...bold, { name: OG_FONT.family, file: 'files/inter-latin-500-normal.woff', weight: 500 }];
}

function rangeClass(ranges: string): string {
  return ranges
    .split(',')
    .map((range) => range.replace(/^U\+/, '').split('-').map((hex) => `\\u{${hex}}`).join('-'))
    .join('');
}

/** A character none of the font's subsets has. */
const UNDRAWABLE = new RegExp(`[^${Object.values(OG_FONT.subsets).map(rangeClass).join('')}]`, 'gu');

/** Everything that appears on an image; the cache key is made from exactly these fields. */
export interface OgImageInput {
  title: string;
  /** Name of the article's first topic, if it has one. */
  topic: string;
  /** The date as printed: "22 November 2024". */
  date: string;
  siteName: string;
}

interface ArticleLike {
  title: string;
  date: Date;
  topics: readonly { name: string }[];
}

/** Leaves out what the font cannot draw (emoji, CJK …) and control characters, and collapses white space. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(UNDRAWABLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function ogImageInput(article: ArticleLike, siteName: string = site.title): OgImageInput {
  return {
    title: cleanText(article.title),
    topic: cleanText(article.topics[0]?.name ?? ''),
    date: displayDate(article.date),
    siteName: cleanText(siteName),
  };
}

/**
 * The file name (without .png) of an image in the cache: a hash of the image's input, the
 * template version and `renderer`, a fingerprint of the font bytes and library versions.
 */
export function ogCacheKey(input: OgImageInput, renderer: string): string {
  const parts = [OG_TEMPLATE_VERSION, input.title, input.topic, input.date, input.siteName, renderer];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

// ---------------------------------------------------------------------------------------------
// Text measuring and wrapping

/**
 * Advance widths of Inter Bold (700) in thousandths of an em for U+0020–U+007E, then the
 * characters in EXTRA_CHARS; read once from inter-latin-700-normal.woff. Inter Medium is a few
 * per cent narrower, so measuring it with these widths errs on the safe side.
 */
const ASCII_WIDTHS = [
  237, 338, 552, 649, 655, 1016, 672, 339, 377, 377, 559, 679, 334, 468, 334, 388, 674, 431, 630, 646, 676, 622, 649,
  582, 651, 649, 334, 343, 679, 679, 679, 560, 1016, 747, 662, 740, 722, 607, 587, 750, 747, 281, 584, 719, 565, 932,
  762, 771, 648, 777, 657, 655, 667, 732, 747, 1038, 738, 731, 664, 377, 388, 377, 487, 476, 365, 581, 630, 588, 630,
  596, 398, 632, 623, 271, 271, 580, 271, 913, 623, 613, 630, 630, 407, 560, 366, 623, 600, 850, 580, 602, 573, 469,
  372, 469, 679,
];
const EXTRA_CHARS = '‘’“”–—…•€£';
const EXTRA_WIDTHS = [311, 311, 540, 532, 500, 1000, 1002, 474, 685, 639];
/** Width of a character outside the table: a little wider than Inter's average letter. */
const FALLBACK_WIDTH = 700;
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u;

const widthCache = new Map<string, number>();

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code <= 0x7e) return ASCII_WIDTHS[code - 0x20];
  let width = widthCache.get(char);
  if (width === undefined) {
    const extra = EXTRA_CHARS.indexOf(char);
    if (extra >= 0) width = EXTRA_WIDTHS[extra];
    else if (WIDE.test(char)) width = 1000;
    else {
      // é, ñ, Ž …: as wide as the letter they are built on.
      const base = char.normalize('NFD').codePointAt(0) ?? 0;
      width = base >= 0x20 && base <= 0x7e ? ASCII_WIDTHS[base - 0x20] : FALLBACK_WIDTH;
    }
    widthCache.set(char, width);
  }
  return width;
}

/** Width in pixels of text set in the image font at fontSize, with letterSpacing px between characters. */
export function textWidth(text: string, fontSize: number, letterSpacing = 0): number {
  let units = 0;
  let count = 0;
  for (const char of text) {
    units += charWidth(char);
    count += 1;
  }
  return (units * fontSize) / 1000 + letterSpacing * count;
}

/** Splits a word too long for a line into pieces that fit, after a hyphen where it can. */
function breakWord(word: string, maxWidth: number, fontSize: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest && textWidth(rest, fontSize) > maxWidth) {
    const chars = [...rest];
    let fit = 1;
    while (fit < chars.length && textWidth(chars.slice(0, fit + 1).join(''), fontSize) <= maxWidth) fit += 1;
    const head = chars.slice(0, fit).join('');
    const hyphen = head.lastIndexOf('-');
    const cut = hyphen > 0 ? [...head.slice(0, hyphen + 1)].length : fit;
    pieces.push(chars.slice(0, cut).join(''));
    rest = chars.slice(cut).join('');
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Greedy word wrap: the lines of text, each at most maxWidth px wide at fontSize. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of cleanText(text).split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const pieces = breakWord(word, maxWidth, fontSize);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
  }
  if (line) lines.push(line);
  return lines;
}

/** The first maxLines lines, the last one ending in an ellipsis that fits. */
function truncateLines(lines: readonly string[], maxLines: number, maxWidth: number, fontSize: number): string[] {
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  const ellipsis = '…';
  while (last && textWidth(`${last}${ellipsis}`, fontSize) > maxWidth) {
    const space = last.lastIndexOf(' ');
    last = space > 0 ? last.slice(0, space) : [...last].slice(0, -1).join('');
  }
  kept[maxLines - 1] = `${last.replace(/[\s,;:.–—-]+$/u, '')}${ellipsis}`;
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Layout

const PAD_X = 72;
const PAD_Y = 60;
const CONTENT_WIDTH = OG_WIDTH - 2 * PAD_X;
const LABEL_SIZE = 30;
const LABEL_SPACING = 2;
const LABEL_HEIGHT = 38;
const BAND = 14;
const TITLE_SPACING = -0.5;
/** Height left for the title between the topic label and the footer. */
const TITLE_BOX = OG_HEIGHT - BAND - 2 * PAD_Y - 2 * LABEL_HEIGHT - 2 * 36;
const TITLE_LINE_HEIGHT = 1.12;
/** Title sizes to try, largest first; the first one at which the title fits is used. */
export const TITLE_SIZES = [80, 72, 64, 56, 50] as const;

/** Colours: a flat palette, so the PNG compresses well (and fits the site's dark scheme). */
const palette = {
  background: '#0f1b3d',
  band: '#8ab4ff',
  title: '#ffffff',
  topic: '#8ab4ff',
  site: '#ffffff',
  date: '#b9c4e0',
} as const;

export interface FittedTitle {
  fontSize: number;
  lineHeight: number;
  lines: string[];
  truncated: boolean;
}

/**
 * Picks the largest title size at which the whole title fits the title box, wrapped; a title
 * too long even at the smallest size is cut after the last line that fits, with an ellipsis.
 */
export function fitTitle(title: string, maxWidth = CONTENT_WIDTH, maxHeight = TITLE_BOX): FittedTitle {
  for (const fontSize of TITLE_SIZES) {
    const lineHeight = Math.round(fontSize * TITLE_LINE_HEIGHT);
    const maxLines = Math.max(1, Math.floor(maxHeight / lineHeight));
    const lines = wrapText(title, maxWidth, fontSize);
    if (lines.length <= maxLines) return { fontSize, lineHeight, lines, truncated: false };
    if (fontSize === TITLE_SIZES.at(-1)) {
      return { fontSize, lineHeight, lines: truncateLines(lines, maxLines, maxWidth, fontSize), truncated: true };
    }
  }
  throw new Error('unreachable');
}

/** One line of text, cut with an ellipsis if it is wider than maxWidth. */
export function fitLine(text: string, maxWidth: number, fontSize: number, letterSpacing = 0): string {
  let line = cleanText(text);
  if (textWidth(line, fontSize, letterSpacing) <= maxWidth) return line;
  while (line && textWidth(`${line}…`, fontSize, letterSpacing) > maxWidth) line = [...line].slice(0, -1).join('');
  return `${line.trimEnd()}…`;
}

/** A line of text placed on the image; src/lib/og-render.ts sets it in the font and draws it. */
export interface OgText {
  text: string;
  /** Left edge, or right edge when `align` is 'right'. */
  x: number;
  /** Top of the line box; the text sits in it as CSS places a line (half-leading above and below). */
  top: number;
  lineHeight: number;
  fontSize: number;
  weight: 500 | 700;
  colour: string;
  /** Pixels added after every character, as CSS letter-spacing. */
  letterSpacing: number;
  align: 'left' | 'right';
}

export interface OgRect {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
}

/** Everything drawn on an image, in pixels: a background, flat rectangles and lines of text. */
export interface OgLayout {
  width: number;
  height: number;
  background: string;
  rects: OgRect[];
  texts: OgText[];
}

/**
 * The image: a band across the top, the topic label, the title centred in the space left, and
 * the site name and date along the bottom.
 */
export function ogImageLayout(input: OgImageInput): OgLayout {
  const title = fitTitle(input.title);
  const topic = fitLine(input.topic.toLocaleUpperCase('en'), CONTENT_WIDTH, LABEL_SIZE, LABEL_SPACING);
  const date = fitLine(input.date, CONTENT_WIDTH / 2, LABEL_SIZE);
  const siteName = fitLine(input.siteName, CONTENT_WIDTH - textWidth(date, LABEL_SIZE) - 40, LABEL_SIZE);
  const contentTop = BAND + PAD_Y;
  const footerTop = OG_HEIGHT - PAD_Y - LABEL_HEIGHT;
  const titleSpace = footerTop - (contentTop + LABEL_HEIGHT);
  const titleTop = contentTop + LABEL_HEIGHT + Math.round((titleSpace - title.lines.length * title.lineHeight) / 2);
  const label = { lineHeight: LABEL_HEIGHT, fontSize: LABEL_SIZE, letterSpacing: 0, align: 'left' as const };
  const texts: OgText[] = [
    { ...label, text: topic, x: PAD_X, top: contentTop, weight: 700, colour: palette.topic, letterSpacing: LABEL_SPACING },
    ...title.lines.map((line, i) => ({
      text: line,
      x: PAD_X,
      top: titleTop + i * title.lineHeight,
      lineHeight: title.lineHeight,
      fontSize: title.fontSize,
      weight: 700 as const,
      colour: palette.title,
      letterSpacing: TITLE_SPACING,
      align: 'left' as const,
    })),
    { ...label, text: siteName, x: PAD_X, top: footerTop, weight: 700, colour: palette.site },
    { ...label, text: date, x: OG_WIDTH - PAD_X, top: footerTop, weight: 500, colour: palette.date, align: 'right' },
  ];
  return {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    background: palette.background,
    rects: [{ x: 0, y: 0, width: OG_WIDTH, height: BAND, colour: palette.band }],
    texts: texts.filter((text) => text.text !== ''),
  };
}

// ---------------------------------------------------------------------------------------------
// PNG encoding

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function pngChunk(type: string, data: Uint8Array): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/**
 * Encodes an 8-bit palette PNG from its rows as PNG stores them: each row a filter byte (0, none:
 * palette images compress best unfiltered) then one palette index per pixel. A flat design
 * compresses to a few tens of kilobytes with zlib's run-length strategy.
 */
export function encodeIndexedPng(rows: Uint8Array, width: number, height: number, palette: Uint8Array): Buffer {
  if (rows.length !== (width + 1) * height) throw new Error(`encodeIndexedPng: ${rows.length} bytes for ${width}×${height}`);
  if (palette.length % 3 !== 0 || palette.length === 0 || palette.length > 256 * 3) {
    throw new Error(`encodeIndexedPng: a palette of ${palette.length / 3} colours`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: palette
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('PLTE', palette),
    pngChunk('IDAT', deflateSync(rows, { strategy: constants.Z_RLE })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
