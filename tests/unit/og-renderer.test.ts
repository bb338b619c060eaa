/**
 * The preview-image renderer draws glyphs from a cache of coverage masks; these tests hold it to
 * resvg's rendering of the very same outlines, and check where the ink lands.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { createOgFontSet } from '../../src/lib/og-font.ts';
import { createOgLayout, OG_HEIGHT, OG_WIDTH, type OgImageInput, type OgLayout } from '../../src/lib/og-layout.ts';
import { createOgRenderer } from '../../src/lib/og-renderer.ts';
import { loadFonts } from '../../src/integrations/og-fonts.ts';

const fontSet = createOgFontSet(loadFonts());
const ogImageLayout = createOgLayout(fontSet).layout;
const renderer = createOgRenderer(fontSet);

const input: OgImageInput = {
  title: 'Senator labels reported China-linked hack on US telecoms as historic breach',
  topic: 'Cybersecurity',
  date: '22 November 2024',
  siteName: 'Tech Policy Wire',
};

/** RGB of every pixel of the renderer's output. */
function ours(layout: OgLayout): Uint8Array {
  const { rows, palette } = renderer.indexed(layout);
  const rgb = new Uint8Array(layout.width * layout.height * 3);
  for (let y = 0; y < layout.height; y += 1) {
    for (let x = 0; x < layout.width; x += 1) {
      const index = rows[y * (layout.width + 1) + 1 + x];
      rgb.set(palette.subarray(index * 3, index * 3 + 3), (y * layout.width + x) * 3);
    }
  }
  return rgb;
}

/** RGB of every pixel of resvg's rendering of the same glyph outlines as one SVG. */
function reference(layout: OgLayout): Uint8Array {
  const rgba = new Resvg(renderer.svg(layout), { font: { loadSystemFonts: false } }).render().pixels;
  const rgb = new Uint8Array(layout.width * layout.height * 3);
  for (let p = 0; p < layout.width * layout.height; p += 1) rgb.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);
  return rgb;
}

function compare(a: Uint8Array, b: Uint8Array) {
  let sum = 0;
  let far = 0;
  for (let p = 0; p < a.length; p += 3) {
    let worst = 0;
    for (let c = 0; c < 3; c += 1) {
      const difference = Math.abs(a[p + c] - b[p + c]);
      sum += difference;
      worst = Math.max(worst, difference);
    }
    if (worst > 48) far += 1;
  }
  return { meanDifference: sum / a.length, farPixels: far };
}

/** Bounding box of the pixels that differ from the background, below the band. */
function inkBox(rgb: Uint8Array, width: number, height: number, from = 14) {
  const background = rgb.subarray((from + 1) * width * 3, (from + 1) * width * 3 + 3);
  let box = { left: width, right: -1, top: height, bottom: -1 };
  for (let y = from; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const p = (y * width + x) * 3;
      if (rgb[p] === background[0] && rgb[p + 1] === background[1] && rgb[p + 2] === background[2]) continue;
      box = { left: Math.min(box.left, x), right: Math.max(box.right, x), top: Math.min(box.top, y), bottom: Math.max(box.bottom, y) };
    }
  }
  return box;
}

describe('createOgRenderer', () => {
  it('draws what resvg draws from the same outlines, to within anti-aliasing', () => {
    for (const title of [input.title, 'Huawei aims to mass-produce advanced AI chip by 2025', 'Ωμέγα, Київ, Đà Nẵng — “quotes” & façade']) {
      const layout = ogImageLayout({ ...input, title });
      const result = compare(ours(layout), reference(layout));
      // Coverage is kept at 64 levels and overlapping glyphs add up: edge pixels differ a little
      // (measured: mean 0.01–0.02 of 255, no pixel off by more than 48).
      expect(result.meanDifference, title).toBeLessThan(0.1);
      expect(result.farPixels, title).toBeLessThan(20);
    }
  });

  it('clips glyphs that run past the edges of the image as resvg does', () => {
    const layout = ogImageLayout(input);
    // The first title line starts 40 px left of the image and the date ends 40 px past its right edge.
    const clipped: OgLayout = {
      ...layout,
      texts: layout.texts.map((text, i) => (i === 1 ? { ...text, x: -40 } : text.align === 'right' ? { ...text, x: OG_WIDTH + 40 } : text)),
    };
    const result = compare(ours(clipped), reference(clipped));
    expect(result.meanDifference).toBeLessThan(0.1);
    expect(result.farPixels).toBeLessThan(20);
    const box = inkBox(ours(clipped), OG_WIDTH, OG_HEIGHT);
    expect(box.left).toBe(0);
    expect(box.right).toBe(OG_WIDTH - 1);
  });

  it('differs from the reference when a glyph is out of place (the comparison can fail)', () => {
    const layout = ogImageLayout(input);
    const moved: OgLayout = { ...layout, texts: layout.texts.map((text, i) => (i === 1 ? { ...text, x: text.x + 1 } : text)) };
    const result = compare(ours(moved), reference(layout));
    expect(result.farPixels).toBeGreaterThan(500);
  });

  it('keeps all text inside the margins, with the date ending at the right margin', () => {
    const layout = ogImageLayout(input);
    const box = inkBox(ours(layout), OG_WIDTH, OG_HEIGHT);
    expect(box.left).toBeGreaterThanOrEqual(72 - 2);
    expect(box.left).toBeLessThanOrEqual(72 + 4);
    expect(box.right).toBeLessThanOrEqual(OG_WIDTH - 72 + 1);
    expect(box.right).toBeGreaterThanOrEqual(OG_WIDTH - 72 - 4);
    expect(box.top).toBeGreaterThanOrEqual(14 + 60);
    expect(box.bottom).toBeLessThanOrEqual(OG_HEIGHT - 60);
  });

  it('draws letters from every subset of the font, and the same input the same way', () => {
    for (const title of ['Ωμέγα', 'Київ', 'Đà Nẵng']) {
      const layout = ogImageLayout({ ...input, title, topic: '' });
      const box = inkBox(ours(layout), OG_WIDTH, OG_HEIGHT);
      expect(box.right - box.left, title).toBeGreaterThan(100);
    }
    const layout = ogImageLayout(input);
    expect(renderer.png(layout)).toEqual(createOgRenderer(createOgFontSet(loadFonts())).png(layout));
  });

  it('refuses text laid over a rectangle, which it cannot blend', () => {
    const layout = ogImageLayout(input);
    expect(() => renderer.png({ ...layout, rects: [{ x: 0, y: 0, width: OG_WIDTH, height: 200, colour: '#ff0000' }] })).toThrow(
      /drawn over a rectangle/,
    );
  });
});
