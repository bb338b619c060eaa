/**
 * Draws an image layout (src/lib/og-layout.ts) into a palette PNG.
 *
 * Every image shares its background, its band and most of its letters, so the renderer works
 * like a type case rather than drawing each image from scratch: fontkit sets each line in the
 * font (cmap, kerning, marks), resvg rasterises each glyph once per size and quarter-pixel
 * offset, and an image is those coverage masks added onto a copy of the background, stored as
 * palette indices and compressed by zlib. That costs about a tenth of laying out and
 * rasterising a whole SVG per image, and the pixels match resvg's own rendering of the same
 * glyph outlines (tests/unit/og-renderer.test.ts compares the two).
 *
 * Text is blended against the background colour: the layout must not put text on a rectangle.
 */
import { Resvg } from '@resvg/resvg-js';
import type * as fontkit from 'fontkit';
import type { OgFontSet } from './og-font.ts';
import type { OgLayout, OgRect, OgText } from './og-layout.ts';
import { encodeIndexedPng } from './og-png.ts';

export interface OgRenderer {
  /** The image as a PNG. */
  png(layout: OgLayout): Buffer;
  /**
   * The image as PNG rows (a filter byte, then one palette index per pixel) and its RGB palette.
   * The rows live in a buffer the renderer reuses: they are valid until its next call.
   */
  indexed(layout: OgLayout): { rows: Uint8Array; palette: Uint8Array };
  /** The same glyphs at the same places as one SVG of outlines, for comparison with a full rasteriser. */
  svg(layout: OgLayout): string;
}

/** Glyphs are placed on 1/SUBPIXEL of a pixel and rasterised once for each of those offsets. */
const SUBPIXEL = 4;
/** Coverage levels per text colour, at most; each level is one palette entry. */
const MAX_LEVELS = 64;

interface Placed {
  face: number;
  glyph: fontkit.Glyph;
  /** Pen position in pixels: x of the glyph origin, y of the baseline. */
  x: number;
  y: number;
  fontSize: number;
}

interface Mask {
  /** Offset of the mask's top-left pixel from the pen (whole pixels). */
  left: number;
  top: number;
  width: number;
  height: number;
  alpha: Uint8Array;
  /**
   * The inked runs, as (row, first column, column after the last) triples: most of a glyph's box
   * is empty, and drawing visits only these.
   */
  spans: Int32Array;
}

function rgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`og image: colour ${hex} is not #rrggbb`);
  const value = Number.parseInt(match[1], 16);
  return [value >> 16, (value >> 8) & 255, value & 255];
}

function overlaps(text: OgText, rect: OgRect): boolean {
  return text.top < rect.y + rect.height && rect.y < text.top + text.lineHeight;
}

/** A renderer for images set in `fontSet` (the set the layout measured with). */
export function createOgRenderer(fontSet: OgFontSet): OgRenderer {
  const fonts = fontSet.fonts;
  const primary = fonts[0];

  // ---- Setting text: runs of one face, laid out by fontkit; words repeat, so they are cached.
  const runs = new Map<string, { glyphs: fontkit.Glyph[]; advances: number[] }>();
  function layoutRun(face: number, text: string) {
    const key = `${face}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      const result = fonts[face].layout(text);
      run = {
        glyphs: result.glyphs,
        advances: result.positions.map((position) => position.xAdvance),
      };
      if (runs.size > 100_000) runs.clear();
      runs.set(key, run);
    }
    return run;
  }

  /** The glyphs of one line, with their pen positions. */
  function setLine(text: OgText): Placed[] {
    const scale = text.fontSize / primary.unitsPerEm;
    const lineTop = text.top + (text.lineHeight - (primary.ascent - primary.descent) * scale) / 2;
    const baseline = Math.round(lineTop + primary.ascent * scale);
    const glyphs: Placed[] = [];
    let pen = 0;
    // Words and the spaces between them, each split into runs of the face that has its characters.
    for (const token of text.text.split(/( +)/)) {
      if (!token) continue;
      let runFace = -1;
      let runText = '';
      const flush = () => {
        if (!runText) return;
        const { glyphs: runGlyphs, advances } = layoutRun(runFace, runText);
        runGlyphs.forEach((glyph, i) => {
          glyphs.push({ face: runFace, glyph, x: pen, y: baseline, fontSize: text.fontSize });
          pen += advances[i] * (text.fontSize / fonts[runFace].unitsPerEm) + text.letterSpacing;
        });
        runText = '';
      };
      for (const char of token) {
        const face = fontSet.faceFor(char.codePointAt(0) ?? 0, text.weight);
        if (face !== runFace) flush();
        runFace = face;
        runText += char;
      }
      flush();
    }
    const x0 = text.align === 'right' ? text.x - pen : text.x;
    // Glyph masks exist for quarter pixels only, so that is where glyphs go.
    for (const glyph of glyphs) glyph.x = Math.round((glyph.x + x0) * SUBPIXEL) / SUBPIXEL;
    return glyphs;
  }

  // ---- Rasterising glyphs: once per glyph, size and quarter-pixel offset.
  const masks = new Map<string, Mask | null>();
  function maskFor(placed: Placed, phase: number): Mask | null {
    const key = `${placed.face}:${placed.glyph.id}:${placed.fontSize}:${phase}`;
    let mask = masks.get(key);
    if (mask !== undefined) return mask;
    mask = null;
    const path = placed.glyph.path;
    if (path.commands.length > 0) {
      const scale = placed.fontSize / fonts[placed.face].unitsPerEm;
      const box = path.bbox;
      const shift = phase / SUBPIXEL;
      const left = Math.floor(shift + box.minX * scale) - 1;
      const top = Math.floor(-box.maxY * scale) - 1;
      const width = Math.ceil(shift + box.maxX * scale) + 1 - left;
      const height = Math.ceil(-box.minY * scale) + 1 - top;
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<path fill="#fff" transform="matrix(${scale} 0 0 ${-scale} ${shift - left} ${-top})" d="${path.toSVG()}"/></svg>`;
      const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
      const alpha = new Uint8Array(width * height);
      for (let i = 0; i < alpha.length; i += 1) alpha[i] = pixels[i * 4 + 3];
      const spans: number[] = [];
      for (let row = 0; row < height; row += 1) {
        for (let col = 0; col < width; col += 1) {
          if (alpha[row * width + col] === 0) continue;
          const first = col;
          while (col < width && alpha[row * width + col] !== 0) col += 1;
          spans.push(row, first, col);
        }
      }
      mask = { left, top, width, height, alpha, spans: Int32Array.from(spans) };
    }
    masks.set(key, mask);
    return mask;
  }

  // ---- Palette and background, per design (the same for every image of a build).
  interface Design {
    palette: Uint8Array;
    template: Uint8Array;
    /** Per text colour: palette index for each coverage value 0–255 (0: leave the background). */
    lookup: Map<string, Uint8Array>;
  }
  const designs = new Map<string, Design>();
  function designFor(layout: OgLayout): Design {
    const colours = [...new Set(layout.texts.map((text) => text.colour))].sort();
    const key = JSON.stringify([layout.width, layout.height, layout.background, layout.rects, colours]);
    let design = designs.get(key);
    if (design) return design;
    const flat = [layout.background, ...new Set(layout.rects.map((rect) => rect.colour))];
    const levels = Math.min(MAX_LEVELS, Math.floor((256 - flat.length) / Math.max(1, colours.length)) + 1);
    if (levels < 8) throw new Error(`og image: too many colours (${flat.length + colours.length}) for a palette PNG`);
    const entries: [number, number, number][] = flat.map(rgb);
    const background = rgb(layout.background);
    const lookup = new Map<string, Uint8Array>();
    for (const colour of colours) {
      const ink = rgb(colour);
      const base = entries.length;
      for (let level = 1; level < levels; level += 1) {
        const t = level / (levels - 1);
        entries.push(background.map((channel, c) => Math.round(channel + (ink[c] - channel) * t)) as [number, number, number]);
      }
      const table = new Uint8Array(256);
      for (let coverage = 1; coverage < 256; coverage += 1) {
        const level = Math.round((coverage * (levels - 1)) / 255);
        table[coverage] = level === 0 ? 0 : base + level - 1;
      }
      lookup.set(colour, table);
    }
    const stride = layout.width + 1;
    const template = new Uint8Array(stride * layout.height);
    for (const rect of layout.rects) {
      const index = flat.indexOf(rect.colour);
      const x0 = Math.max(0, rect.x);
      const x1 = Math.min(layout.width, rect.x + rect.width);
      for (let y = Math.max(0, rect.y); y < Math.min(layout.height, rect.y + rect.height); y += 1) {
        template.fill(index, y * stride + 1 + x0, y * stride + 1 + x1);
      }
    }
    design = { palette: Uint8Array.from(entries.flat()), template, lookup };
    designs.set(key, design);
    return design;
  }

  // ---- Drawing: coverage added up per pixel and turned into a palette index as it is added.
  let coverage = new Uint8Array(0);
  let rows = new Uint8Array(0);

  function indexed(layout: OgLayout): { rows: Uint8Array; palette: Uint8Array } {
    for (const text of layout.texts) {
      const rect = layout.rects.find((each) => overlaps(text, each));
      if (rect) throw new Error(`og image: the text "${text.text}" is drawn over a rectangle; text may only sit on the background`);
    }
    const { width, height } = layout;
    const design = designFor(layout);
    if (coverage.length !== width * height) coverage = new Uint8Array(width * height);
    else coverage.fill(0);
    if (rows.length !== design.template.length) rows = new Uint8Array(design.template.length);
    rows.set(design.template);
    for (const text of layout.texts) {
      const table = design.lookup.get(text.colour) as Uint8Array;
      for (const placed of setLine(text)) {
        const pixel = Math.floor(placed.x);
        const phase = Math.round((placed.x - pixel) * SUBPIXEL);
        const mask = maskFor(placed, phase);
        if (!mask) continue;
        const gx = pixel + mask.left;
        const gy = placed.y + mask.top;
        const { alpha, spans } = mask;
        for (let k = 0; k < spans.length; k += 3) {
          const y = gy + spans[k];
          if (y < 0 || y >= height) continue;
          const x0 = Math.max(0, gx + spans[k + 1]);
          const x1 = Math.min(width, gx + spans[k + 2]);
          let m = spans[k] * mask.width + (x0 - gx);
          let p = y * width + x0;
          // PNG rows start with a filter byte, hence the + 1.
          let o = y * (width + 1) + 1 + x0;
          for (let x = x0; x < x1; x += 1, m += 1, p += 1, o += 1) {
            const a = alpha[m];
            // Glyph boxes overlap at their edges: a pixel's coverage is the sum of both glyphs',
            // in the colour of the later one. Every colour has the same number of levels, so a
            // sum never maps to index 0 once a part of it did not.
            const sum = coverage[p] + a;
            const total = sum > 255 ? 255 : sum;
            coverage[p] = total;
            const index = table[total];
            if (index !== 0) rows[o] = index;
          }
        }
      }
    }
    return { rows, palette: design.palette };
  }

  return {
    indexed,
    png(layout) {
      const { rows: pngRows, palette } = indexed(layout);
      return encodeIndexedPng(pngRows, layout.width, layout.height, palette);
    },
    svg(layout) {
      const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">`,
        `<rect width="${layout.width}" height="${layout.height}" fill="${layout.background}"/>`,
        ...layout.rects.map((rect) => `<rect x="${rect.x}" y="${rect.y}" width="${rect.width}" height="${rect.height}" fill="${rect.colour}"/>`),
      ];
      for (const text of layout.texts) {
        for (const placed of setLine(text)) {
          if (placed.glyph.path.commands.length === 0) continue;
          const scale = placed.fontSize / fonts[placed.face].unitsPerEm;
          parts.push(
            `<path fill="${text.colour}" transform="matrix(${scale} 0 0 ${-scale} ${placed.x} ${placed.y})" d="${placed.glyph.path.toSVG()}"/>`,
          );
        }
      }
      parts.push('</svg>');
      return parts.join('');
    },
  };
}
