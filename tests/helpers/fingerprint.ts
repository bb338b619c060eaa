/** Byte-level comparison of two built sites: every file's sha256, and where two versions differ. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** sha256 of every file under dir, keyed by its path relative to dir. */
export function fingerprint(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  return new Map(files.map((file) => [file, createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]));
}

/** Where two versions of a file first differ, with a little context, to say why in a failure. */
export function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const show = (buffer: Buffer) => JSON.stringify(buffer.subarray(Math.max(0, i - 40), i + 40).toString('latin1'));
  return `sizes ${a.length} and ${b.length}, first difference at byte ${i}:\n      ${show(a)}\n      ${show(b)}`;
}

/** The files that differ between two built sites: missing from one, or with other bytes. */
export function siteDifferences(expected: string, actual: string): string[] {
  const a = fingerprint(expected);
  const b = fingerprint(actual);
  const missing = [...a.keys()].filter((file) => !b.has(file)).map((file) => `${file}: missing`);
  const extra = [...b.keys()].filter((file) => !a.has(file)).map((file) => `${file}: not in the other build`);
  const changed = [...a.keys()]
    .filter((file) => b.has(file) && a.get(file) !== b.get(file))
    .map((file) => `${file}: ${firstDifference(readFileSync(join(expected, file)), readFileSync(join(actual, file)))}`);
  return [...missing, ...extra, ...changed];
}
