import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDigest, type ImportOptions } from '../../scripts/import.ts';
import { readFrontmatter } from '../../scripts/lib/content-files.ts';

const root = new URL('../../', import.meta.url).pathname;
const dirs: string[] = [];

function options(overrides: Partial<ImportOptions> = {}): ImportOptions & { lines: string[] } {
  const out = mkdtempSync(join(tmpdir(), 'import-'));
  dirs.push(out);
  const lines: string[] = [];
  return {
    digest: join(root, 'tests/fixtures/china-tech-digest.txt'),
    date: '2024-11-22',
    out,
    topicsFile: join(root, 'content/topics.yaml'),
    entitiesFile: join(root, 'content/entities.yaml'),
    force: false,
    dryRun: false,
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('importDigest on the seed', () => {
  it('writes ten articles with clean typography, topics, summary and date, and reports each file', () => {
    const opts = options();
    const result = importDigest(opts);
    expect(result.written).toHaveLength(10);
    expect(readdirSync(opts.out)).toHaveLength(10);
    expect(opts.lines.filter((line) => line.startsWith('wrote '))).toHaveLength(10);
    for (const name of readdirSync(opts.out)) {
      const text = readFileSync(join(opts.out, name), 'utf8');
      const data = readFrontmatter(text);
      expect(text, name).not.toMatch(/\p{L}‘\p{L}| -China/u);
      expect(data.date, name).toBe('2024-11-22');
      expect((data.topics as string[]).length, name).toBeGreaterThanOrEqual(1);
      expect(String(data.summary).length, name).toBeGreaterThan(40);
      expect(name).toMatch(/^[a-z0-9-]+\.md$/);
    }
  });

  it('writes the same files as the committed seed articles', () => {
    const opts = options();
    importDigest(opts);
    for (const name of readdirSync(opts.out)) {
      expect(readFileSync(join(opts.out, name), 'utf8'), name).toBe(readFileSync(join(root, 'content/articles', name), 'utf8'));
    }
  });

  it('never overwrites an existing article unless forced', () => {
    const opts = options();
    importDigest(opts);
    const file = join(opts.out, 'tiktok-faces-divestment-deadline-in-the-us.md');
    writeFileSync(file, 'edited by hand');
    const again = options({ out: opts.out });
    const second = importDigest(again);
    expect(second.written).toEqual([]);
    expect(second.skipped).toHaveLength(10);
    expect(again.lines).toContainEqual(expect.stringMatching(/^skipped \S*tiktok-faces-divestment-deadline-in-the-us\.md \(exists; pass --force to overwrite\)$/));
    expect(readFileSync(file, 'utf8')).toBe('edited by hand');
    const forced = importDigest(options({ out: opts.out, force: true }));
    expect(forced.written).toHaveLength(10);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: TikTok faces divestment deadline in the US/);
  });

  it('writes nothing on a dry run', () => {
    const opts = options({ dryRun: true });
    expect(importDigest(opts).written).toHaveLength(10);
    expect(readdirSync(opts.out)).toEqual([]);
  });

  it('refuses a date that does not exist', () => {
    expect(() => importDigest(options({ date: '2024-02-30' }))).toThrow(/not a real calendar date/);
  });
});
