import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, pngSize } from '../../src/lib/og-png.ts';

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
    const png = encodeIndexedPng(new Uint8Array((1200 + 1) * 2), 1200, 2, Uint8Array.of(255, 255, 255));
    expect(pngSize(png)).toEqual({ width: 1200, height: 2 });
    expect(pngSize(Buffer.from('GIF89a not a png at all, really'))).toBeNull();
  });
});

