import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDerivedStore } from '../../src/lib/derived-store.ts';

const isNumber = (value: unknown): value is number => typeof value === 'number';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'derived-store-'));
  file = join(dir, 'cache', 'results.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store file holding these results, written as a build would write it. */
function written(entries: Record<string, number>): void {
  const store = openDerivedStore(file, isNumber);
  for (const [key, value] of Object.entries(entries)) store.set(key, value);
  expect(store.save()).toBe(true);
}

describe('the derived-results store', () => {
  it('gives a result kept by the last build, and nothing for a key it never kept', () => {
    written({ a: 1, b: 2 });
    const store = openDerivedStore(file, isNumber);
    expect(store.get('a')).toBe(1);
    expect(store.get('b')).toBe(2);
    expect(store.get('c')).toBeUndefined();
    expect(store.counts).toEqual({ hits: 2, misses: 0 });
  });

  it('starts empty when there is no file, and creates its folder on saving', () => {
    const store = openDerivedStore(file, isNumber);
    expect(store.get('a')).toBeUndefined();
    store.set('a', 1);
    expect(store.save()).toBe(true);
    expect(openDerivedStore(file, isNumber).get('a')).toBe(1);
  });

  it('keeps only the results the last build asked for or set', () => {
    written({ a: 1, b: 2, c: 3 });
    const store = openDerivedStore(file, isNumber);
    store.get('a');
    store.set('d', 4);
    store.save();
    const next = openDerivedStore(file, isNumber);
    expect(['a', 'b', 'c', 'd'].map((key) => next.get(key))).toEqual([1, undefined, undefined, 4]);
  });

  it('does not write the file again when every result came from it and none was dropped', () => {
    written({ a: 1, b: 2 });
    const before = statSync(file);
    const store = openDerivedStore(file, isNumber);
    store.get('a');
    store.get('b');
    expect(store.save()).toBe(true);
    expect(statSync(file).ino).toBe(before.ino);
    // Dropping one is a change.
    const fewer = openDerivedStore(file, isNumber);
    fewer.get('a');
    fewer.save();
    expect(statSync(file).ino).not.toBe(before.ino);
  });

  it('leaves no temporary file behind', () => {
    written({ a: 1 });
    expect(readdirSync(join(dir, 'cache'))).toEqual(['results.json']);
  });

  it.each([
    ['a byte changed inside a result', (text: string) => text.replace('"a":1', '"a":7')],
    ['cut short', (text: string) => text.slice(0, -3)],
    ['without its first line', (text: string) => text.slice(text.indexOf('\n') + 1)],
    ['of another format', (text: string) => text.replace(/^\S+/, 'derived-results/0')],
    ['empty', () => ''],
    ['not text at all', () => '\u0000\u00ff\u0001garbage'],
  ])('reads a damaged file (%s) as empty', (_, damage) => {
    written({ a: 1, b: 2 });
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const store = openDerivedStore(file, isNumber);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBeUndefined();
  });

  it('never hands out a result of another shape', () => {
    const other = openDerivedStore(file, (value: unknown): value is string => typeof value === 'string');
    other.set('a', 'text');
    other.save();
    expect(openDerivedStore(file, isNumber).get('a')).toBeUndefined();
  });

  it('reports a file it cannot write, without throwing, and leaves the old one as it was', () => {
    written({ a: 1 });
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where a folder should be');
    const store = openDerivedStore(join(blocked, 'results.json'), isNumber);
    store.set('a', 1);
    expect(store.save()).toBe(false);
    expect(openDerivedStore(file, isNumber).get('a')).toBe(1);
  });
});
