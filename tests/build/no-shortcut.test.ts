/**
 * With the "/" shortcut turned off (site.searchShortcut, or SEARCH_SHORTCUT=off for one build),
 * no page but the search page loads any script: the setting for a newsroom that wants pages
 * with no JavaScript at all. The default build keeps the shortcut (tests/build/output.test.ts).
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsolated } from '../helpers/isolated-build.ts';
import { htmlFiles } from '../helpers/dist.ts';
import { fixtureContent } from '../helpers/paths.ts';

function scriptsOf(file: string): string[] {
  const { document } = parseHTML(readFileSync(file, 'utf8'));
  return [...document.querySelectorAll('script')].filter((el) => el.getAttribute('type') !== 'application/ld+json').map((el) => el.getAttribute('src') ?? 'inline');
}

describe('the fixture site built with SEARCH_SHORTCUT=off', () => {
  let work: string;
  let outDir: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'no-shortcut-'));
    outDir = join(work, 'dist');
    await buildIsolated({ outDir, via: 'astro', imageCache: 'shared', env: { CONTENT_DIR: fixtureContent, SEARCH_SHORTCUT: 'off' } });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('loads no script on any page but the search page, and announces no shortcut', () => {
    const files = htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const html = readFileSync(join(outDir, file), 'utf8');
      expect(html, file).not.toContain('aria-keyshortcuts');
      if (file === 'search/index.html') continue;
      expect(scriptsOf(join(outDir, file)), file).toEqual([]);
    }
  });

  it('still runs search on the search page', () => {
    expect(scriptsOf(join(outDir, 'search/index.html')).length).toBeGreaterThan(0);
  });
});
