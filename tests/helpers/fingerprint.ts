/**
 * Byte-level comparison of two built sites: every file's sha256, and where two versions differ.
 * The build tests compare builds with it; the bench compares a rebuild after a change with a
 * clean build of the same content.
 */
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

export interface FingerprintDifference {
  /** Files in both whose bytes differ. */
  differing: string[];
  /** Files the expected site has and the other lacks. */
  missing: string[];
  /** Files the other site has and the expected one lacks. */
  extra: string[];
}

/** How `actual` differs from `expected`, each list in path order. */
export function compareFingerprints(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): FingerprintDifference {
  const differing: string[] = [];
  const missing: string[] = [];
  for (const [file, hash] of expected) {
    const other = actual.get(file);
    if (other === undefined) missing.push(file);
    else if (other !== hash) differing.push(file);
  }
  const extra = [...actual.keys()].filter((file) => !expected.has(file));
  return { differing: differing.sort(), missing: missing.sort(), extra: extra.sort() };
}

/** The files that differ between two built sites: missing from one, or with other bytes. */
export function siteDifferences(expected: string, actual: string): string[] {
  const { differing, missing, extra } = compareFingerprints(fingerprint(expected), fingerprint(actual));
  return [
    ...missing.map((file) => `${file}: missing`),
    ...extra.map((file) => `${file}: not in the other build`),
    ...differing.map((file) => `${file}: ${firstDifference(readFileSync(join(expected, file)), readFileSync(join(actual, file)))}`),
  ];
}
