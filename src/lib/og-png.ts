/**
 * A small encoder for 8-bit palette PNGs, the format of the preview images: a flat design with
 * a few dozen colours compresses to a few tens of kilobytes.
 */
import { constants, crc32, deflateSync } from 'node:zlib';

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
