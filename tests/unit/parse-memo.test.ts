import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseMemo } from '../../scripts/lib/parse-memo.ts';

const dir = mkdtempSync(join(tmpdir(), 'parse-memo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit’s memo of readings', () => {
  const links = (text: string) => text.split(' ');

  it('reads each text once, and gives a later audit the same readings without parsing', () => {
    const file = join(dir, 'memo.json');
    let parsed = 0;
    const counting = (text: string) => ((parsed += 1), links(text));
    const first = ParseMemo.open(file, 'parsers-1');
    expect(first.read('main', 'a b', counting)).toEqual(['a', 'b']);
    expect(first.read('main', 'a b', counting)).toEqual(['a', 'b']);
    expect(parsed).toBe(1);
    first.save();
    const second = ParseMemo.open(file, 'parsers-1');
    expect(second.read('main', 'a b', counting)).toEqual(['a', 'b']);
    expect(parsed).toBe(1);
    expect(second.reused).toBe(1);
    // Another kind of reading, or other bytes, is parsed.
    expect(second.read('body', 'a b', counting)).toEqual(['a', 'b']);
    expect(second.read('main', 'a  b', counting)).toEqual(['a', '', 'b']);
    expect(parsed).toBe(3);
  });

  it('starts afresh for other parsers, a damaged file, and keeps only what the last audit used', () => {
    const file = join(dir, 'other.json');
    const memo = ParseMemo.open(file, 'parsers-1');
    memo.read('main', 'old page', links);
    memo.save();
    const changed = ParseMemo.open(file, 'parsers-2');
    let parsed = 0;
    changed.read('main', 'old page', (text) => ((parsed += 1), links(text)));
    expect(parsed).toBe(1);
    changed.read('main', 'new page', links);
    changed.save();
    expect([...deserialize(readFileSync(file)).readings.keys()]).toHaveLength(2);
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 5));
    expect(ParseMemo.open(file, 'parsers-2').read('main', 'old page', () => ['fresh'])).toEqual(['fresh']);
    writeFileSync(file, '{"salt": "parsers-2", "readings": {');
    expect(ParseMemo.open(file, 'parsers-2').read('main', 'old page', () => ['fresh'])).toEqual(['fresh']);
  });

  it('knows a document by its bytes, whether given as text or as read from disk', () => {
    const memo = ParseMemo.inMemory();
    let parsed = 0;
    const counting = (text: string) => ((parsed += 1), links(text));
    expect(memo.read('main', Buffer.from('é ü'), counting)).toEqual(['é', 'ü']);
    expect(memo.read('main', 'é ü', counting)).toEqual(['é', 'ü']);
    expect(parsed).toBe(1);
    // Bytes that are not UTF-8 are parsed as decoded (U+FFFD), but remembered apart from that text.
    expect(memo.read('main', Buffer.from([0xff, 0x20, 0x61]), counting)).toEqual(['\uFFFD', 'a']);
    expect(memo.read('main', '\uFFFD a', counting)).toEqual(['\uFFFD', 'a']);
    expect(parsed).toBe(3);
  });

  it('writes nothing when the audit used exactly the stored readings, and rewrites it when it used fewer or others', () => {
    const file = join(dir, 'unchanged.json');
    const first = ParseMemo.open(file, 'parsers-1');
    first.read('main', 'a', links);
    first.read('main', 'b', links);
    first.save();
    const same = ParseMemo.open(file, 'parsers-1');
    same.read('main', 'b', links);
    same.read('main', 'a', links);
    expect(same.unchanged).toBe(true);
    // A save that wrote would replace this marker.
    writeFileSync(file, 'not rewritten');
    same.save();
    expect(readFileSync(file, 'utf8')).toBe('not rewritten');
    const fewer = ParseMemo.open(file, 'parsers-1');
    fewer.read('main', 'a', links);
    expect(fewer.unchanged).toBe(false);
    fewer.save();
    expect([...deserialize(readFileSync(file)).readings.keys()]).toHaveLength(1);
    const other = ParseMemo.open(file, 'parsers-1');
    other.read('main', 'c', links);
    expect(other.unchanged).toBe(false);
    other.save();
    expect(ParseMemo.open(file, 'parsers-1').read('main', 'c', () => ['fresh'])).toEqual(['c']);
  });

  it('gives a fresh reading as a remembered one would look: no undefined fields', () => {
    const memo = ParseMemo.inMemory();
    expect(memo.read('feed', 'x', () => ({ links: [], older: undefined, archive: null }))).toStrictEqual({ links: [], archive: null });
  });
});
