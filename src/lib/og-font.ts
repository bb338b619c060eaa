/**
 * The preview images' font as one set of faces, read by fontkit from the font files' bytes: which
 * face draws a character, whether any face has it (its cmap), and how wide it is (its hmtx
 * advance). The layout (src/lib/og-layout.ts) measures with it and the renderer
 * (src/lib/og-renderer.ts) draws with it, so both pick the same face for every character.
 */
import * as fontkit from 'fontkit';

export type OgWeight = 500 | 700;

export interface OgFontFace {
  /** The font file (ttf, otf or woff). */
  data: Uint8Array;
  weight: OgWeight;
}

/** What the layout needs of the font. */
export interface OgFontMetrics {
  /** Whether some face of the font has a glyph for the character (one code point). */
  covers(char: string): boolean;
  /** The character's advance width in ems, in the face that draws it at this weight. */
  advance(char: string, weight: OgWeight): number;
}

export interface OgFontSet extends OgFontMetrics {
  readonly fonts: readonly fontkit.Font[];
  /** The index in `fonts` of the face that draws this code point at this weight. */
  faceFor(codePoint: number, weight: number): number;
}

/**
 * Faces are tried in their order, those of the wanted weight first: list the main subset (Latin)
 * first, so a character several subsets share is always drawn from the same one.
 */
export function createOgFontSet(faces: readonly OgFontFace[]): OgFontSet {
  if (faces.length === 0) throw new Error('og image: no font');
  const fonts = faces.map(({ data }) => fontkit.create(Buffer.from(data)) as fontkit.Font);
  const covered = new Set<number>(fonts.flatMap((font) => font.characterSet));
  const order = new Map<number, number[]>();
  function faceOrder(weight: number): number[] {
    let list = order.get(weight);
    if (!list) {
      const indices = faces.map((_, i) => i);
      list = [...indices.filter((i) => faces[i].weight === weight), ...indices.filter((i) => faces[i].weight !== weight)];
      order.set(weight, list);
    }
    return list;
  }
  function faceFor(codePoint: number, weight: number): number {
    for (const face of faceOrder(weight)) if (fonts[face].hasGlyphForCodePoint(codePoint)) return face;
    return faceOrder(weight)[0];
  }
  const advances = new Map<string, number>();
  return {
    fonts,
    faceFor,
    covers: (char) => covered.has(char.codePointAt(0) ?? -1),
    advance(char, weight) {
      const key = `${weight}${char}`;
      let width = advances.get(key);
      if (width === undefined) {
        const codePoint = char.codePointAt(0) ?? 0;
        const font = fonts[faceFor(codePoint, weight)];
        width = font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm;
        advances.set(key, width);
      }
      return width;
    },
  };
}
