import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCache } from '../../src/integrations/og-cache.ts';

describe('pruneCache', () => {
  it('prunes, once a day, unused images untouched for 30 days and stale temporary files', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const now = Date.now();
      const day = 24 * 60 * 60 * 1000;
      const files = { 'used-old.png': 40, 'unused-old.png': 40, 'unused-new.png': 5, 'x.png.1-a.tmp': 2, 'y.png.1-b.tmp': 0 };
      for (const [name, age] of Object.entries(files)) {
        writeFileSync(join(cacheDir, name), '');
        utimesSync(join(cacheDir, name), (now - age * day) / 1000, (now - age * day) / 1000);
      }
      const names = readdirSync(cacheDir);
      expect(pruneCache(cacheDir, names, new Set(['used-old.png']), now).sort()).toEqual(['unused-old.png', 'x.png.1-a.tmp']);
      expect(readdirSync(cacheDir).sort()).toEqual(['.last-prune', 'unused-new.png', 'used-old.png', 'y.png.1-b.tmp']);
      expect(pruneCache(cacheDir, readdirSync(cacheDir), new Set(), now + 60_000)).toEqual([]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
