/**
 * The social preview image of an article (`/og/<slug>.png`, 1200×630): what goes on it, how the
 * title is fitted and wrapped, the element tree satori lays out, the cache key and a small PNG
 * encoder. Pure functions, no Astro and no file access: src/integrations/og-images.ts renders
 * with them (on worker threads) and caches the results between builds.
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
export const OG_TEMPLATE_VERSION = 1;

/**
 * The font, read from node_modules at build time (satori reads ttf/otf/woff, not woff2): Inter
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

/** The font files satori loads, each under its own name (satori keeps one font per name and weight). */
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

/** An element as satori reads it: the shape of a React element, without React. */
export interface OgElement {
  type: string;
  props: { style: Record<string, string | number>; children?: string | OgElement | OgElement[] };
}

function el(style: OgElement['props']['style'], children?: OgElement['props']['children']): OgElement {
  return { type: 'div', props: { style, children } };
}

/** The element tree of an image: topic label, title, then site name and date, on a flat background. */
export function ogImageTree(input: OgImageInput): OgElement {
  const title = fitTitle(input.title);
  const topic = fitLine(input.topic.toLocaleUpperCase('en'), CONTENT_WIDTH, LABEL_SIZE, LABEL_SPACING);
  const date = fitLine(input.date, CONTENT_WIDTH / 2, LABEL_SIZE);
  const siteName = fitLine(input.siteName, CONTENT_WIDTH - textWidth(date, LABEL_SIZE) - 40, LABEL_SIZE);
  const row = { display: 'flex', height: LABEL_HEIGHT, fontSize: LABEL_SIZE, lineHeight: `${LABEL_HEIGHT}px` };
  return el(
    {
      width: '100%',
      height: '100%',
      display: 'flex',
      flexDirection: 'column',
      backgroundColor: palette.background,
      fontFamily: OG_FONT.family,
      fontWeight: 700,
    },
    [
      el({ display: 'flex', height: BAND, backgroundColor: palette.band }),
      el(
        {
          display: 'flex',
          flexDirection: 'column',
          flexGrow: 1,
          justifyContent: 'space-between',
          padding: `${PAD_Y}px ${PAD_X}px`,
        },
        [
          el({ ...row, color: palette.topic, letterSpacing: LABEL_SPACING }, topic),
          el(
            {
              display: 'flex',
              flexDirection: 'column',
              flexGrow: 1,
              justifyContent: 'center',
              color: palette.title,
              fontSize: title.fontSize,
              lineHeight: `${title.lineHeight}px`,
              letterSpacing: -0.5,
            },
            title.lines.map((line) => el({ display: 'flex', whiteSpace: 'pre' }, line)),
          ),
          el({ ...row, justifyContent: 'space-between' }, [
            el({ display: 'flex', color: palette.site }, siteName),
            el({ display: 'flex', color: palette.date, fontWeight: 500 }, date),
          ]),
        ],
      ),
    ],
  );
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
 * Encodes opaque RGBA pixels as an 8-bit palette PNG, or returns null when the image has a
 * transparent pixel or more than 256 colours. A flat design anti-aliased by resvg has a few
 * dozen colours, so this is about three times smaller and faster than a truecolour PNG.
 */
export function encodePalettePng(rgba: Uint8Array, width: number, height: number): Buffer | null {
  const rowBytes = width * 4;
  if (rgba.length !== rowBytes * height || rgba.byteOffset % 4 !== 0) return null;
  const bytes = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length);
  // Whole pixels as signed 32-bit integers: only compared for equality, so byte order does not matter.
  const pixels = new Int32Array(rgba.buffer, rgba.byteOffset, width * height);
  const indexOf = new Map<number, number>();
  const plte = new Uint8Array(256 * 3);
  let colours = 0;
  const raw = new Uint8Array((width + 1) * height);
  let last = 0;
  let lastIndex = -1;
  let p = 0;
  let o = 0;
  for (let y = 0; y < height; y += 1) {
    // A row like the one above (most of a flat design) repeats that row's indices.
    if (y > 0 && bytes.compare(bytes, p * 4 - rowBytes, p * 4, p * 4, p * 4 + rowBytes) === 0) {
      raw.copyWithin(o, o - width - 1, o);
      o += width + 1;
      p += width;
      continue;
    }
    raw[o++] = 0; // filter type None: palette images compress best unfiltered
    for (let x = 0; x < width; x += 1) {
      const pixel = pixels[p];
      if (pixel !== last || lastIndex < 0) {
        const at = p * 4;
        if (bytes[at + 3] !== 255) return null;
        const key = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
        let index = indexOf.get(key);
        if (index === undefined) {
          if (colours === 256) return null;
          index = colours;
          indexOf.set(key, index);
          plte.set(bytes.subarray(at, at + 3), colours * 3);
          colours += 1;
        }
        last = pixel;
        lastIndex = index;
      }
      raw[o++] = lastIndex;
      p += 1;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: palette
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('PLTE', plte.subarray(0, colours * 3)),
    pngChunk('IDAT', deflateSync(raw, { strategy: constants.Z_RLE })),
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
