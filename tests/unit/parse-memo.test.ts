import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).readings)).toHaveLength(2);
    writeFileSync(file, '{"salt": "parsers-2", "readings": {');
    expect(ParseMemo.open(file, 'parsers-2').read('main', 'old page', () => ['fresh'])).toEqual(['fresh']);
  });

  it('gives a fresh reading as a remembered one would look: no undefined fields', () => {
    const memo = ParseMemo.inMemory();
    expect(memo.read('feed', 'x', () => ({ links: [], older: undefined, archive: null }))).toStrictEqual({ links: [], archive: null });
  });
});
