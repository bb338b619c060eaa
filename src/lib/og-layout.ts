/**
 * The social preview image of an article (`/og/<slug>.png`, 1200×630): what goes on it, its
 * cache key, and how the title is fitted, wrapped and placed. Pure functions, no Astro and no
 * file access; text is measured with the font's own advance widths and coverage
 * (src/lib/og-font.ts). src/lib/og-renderer.ts draws the layout, and src/integrations/og-images.ts
 * renders the images of a build on worker threads and caches them between builds.
 */
import { createHash } from 'node:crypto';
import { displayDate } from './dates.ts';
import type { OgFontMetrics, OgWeight } from './og-font.ts';
import { site } from './site.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Part of every cache key: bump it whenever the layout, colours, sizes or encoder change, so
 * every cached image is rendered again on the next build. (The font bytes and the library
 * versions are in the key already.)
 */
export const OG_TEMPLATE_VERSION = 3;

/** Everything that appears on an image, as the article gives it; the cache key is made from exactly these fields. */
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

export function ogImageInput(article: ArticleLike, siteName: string = site.title): OgImageInput {
  return {
    title: article.title,
    topic: article.topics[0]?.name ?? '',
    date: displayDate(article.date),
    siteName,
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

/** A line of text placed on the image; src/lib/og-renderer.ts sets it in the font and draws it. */
export interface OgText {
  text: string;
  /** Left edge, or right edge when `align` is 'right'. */
  x: number;
  /** Top of the line box; the text sits in it as CSS places a line (half-leading above and below). */
  top: number;
  lineHeight: number;
  fontSize: number;
  weight: OgWeight;
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

export interface FittedTitle {
  fontSize: number;
  lineHeight: number;
  lines: string[];
  truncated: boolean;
}

export interface OgLayoutEngine {
  /** Leaves out what the font cannot draw (emoji, CJK …) and control characters, and collapses white space. */
  cleanText(text: string): string;
  /** Width in pixels of text set at fontSize, with letterSpacing px after every character (as CSS letter-spacing). */
  textWidth(text: string, fontSize: number, letterSpacing?: number, weight?: OgWeight): number;
  /** Greedy word wrap: the lines of text, each at most maxWidth px wide at fontSize. */
  wrapText(text: string, maxWidth: number, fontSize: number): string[];
  /**
   * The largest title size at which the whole title fits the title box, wrapped; a title too
   * long even at the smallest size is cut after the last line that fits, with an ellipsis.
   */
  fitTitle(title: string, maxWidth?: number, maxHeight?: number): FittedTitle;
  /** One line of text, cut with an ellipsis if it is wider than maxWidth. */
  fitLine(text: string, maxWidth: number, fontSize: number, letterSpacing?: number, weight?: OgWeight): string;
  /**
   * The image: a band across the top, the topic label, the title centred in the space left, and
   * the site name and date along the bottom.
   */
  layout(input: OgImageInput): OgLayout;
}

/** The layout of images set in `font`. */
export function createOgLayout(font: OgFontMetrics): OgLayoutEngine {
  function cleanText(text: string): string {
    const spaced = text
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
      .replace(/\p{Cf}/gu, '');
    let kept = '';
    for (const char of spaced) if (char === ' ' || font.covers(char)) kept += char;
    return kept.replace(/ {2,}/g, ' ').trim();
  }

  // Advances without kerning, which would cost a shaping pass per candidate line. The renderer
  // kerns: on the titles of a 10,000-article generated corpus a drawn line came out at most 6 px
  // wider (the title's -0.5 px letter-spacing aside) and up to 32 px narrower than measured.
  function textWidth(text: string, fontSize: number, letterSpacing = 0, weight: OgWeight = 700): number {
    let ems = 0;
    let count = 0;
    for (const char of text) {
      ems += font.advance(char, weight);
      count += 1;
    }
    return ems * fontSize + letterSpacing * count;
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

  function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
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

  function fitTitle(title: string, maxWidth = CONTENT_WIDTH, maxHeight = TITLE_BOX): FittedTitle {
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

  function fitLine(text: string, maxWidth: number, fontSize: number, letterSpacing = 0, weight: OgWeight = 700): string {
    let line = cleanText(text);
    if (textWidth(line, fontSize, letterSpacing, weight) <= maxWidth) return line;
    while (line && textWidth(`${line}…`, fontSize, letterSpacing, weight) > maxWidth) line = [...line].slice(0, -1).join('');
    return `${line.trimEnd()}…`;
  }

  function layout(input: OgImageInput): OgLayout {
    const title = fitTitle(input.title);
    const topic = fitLine(input.topic.toLocaleUpperCase('en'), CONTENT_WIDTH, LABEL_SIZE, LABEL_SPACING);
    const date = fitLine(input.date, CONTENT_WIDTH / 2, LABEL_SIZE, 0, 500);
    const siteName = fitLine(input.siteName, CONTENT_WIDTH - textWidth(date, LABEL_SIZE, 0, 500) - 40, LABEL_SIZE);
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

  return { cleanText, textWidth, wrapText, fitTitle, fitLine, layout };
}
