/**
 * With the "/" shortcut turned off (site.searchShortcut, or SEARCH_SHORTCUT=off for one build),
 * no page but the search page loads any script: the setting for a newsroom that wants pages
 * with no JavaScript at all. The default build keeps the shortcut (tests/build/output.test.ts).
 * The build is the one tests/build/links.test.ts checks under a sub-path
 * (tests/helpers/variant-build.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlFiles } from '../helpers/dist.ts';
import { variantBuild } from '../helpers/variant-build.ts';

function scriptsOf(file: string): string[] {
  const { document } = parseHTML(readFileSync(file, 'utf8'));
  return [...document.querySelectorAll('script')].filter((el) => el.getAttribute('type') !== 'application/ld+json').map((el) => el.getAttribute('src') ?? 'inline');
}

describe('the fixture site built with SEARCH_SHORTCUT=off', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await variantBuild();
  });

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
