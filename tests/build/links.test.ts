/**
 * Every internal URL in every built page resolves to a file of the build, and every #fragment
 * to an element id in its target page: in dist/, in the fixture site, and in the fixture site
 * built under a sub-path (BASE_PATH=/policy/, tests/helpers/variant-build.ts), where a URL that
 * forgets the base path breaks.
 * The checker is tests/helpers/links.ts (it reads dist/ rather than crawling a server; the
 * reasons are at its top). External links are not fetched.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from '../../src/lib/site.ts';
import { isDigestEmailPath } from '../../src/lib/urls.ts';
import { checkInternalLinks, formatProblem, type LinkProblem, type SiteAddress } from '../helpers/links.ts';
import { fixtureDist, siteDist } from '../helpers/paths.ts';
import { variant, variantBuild } from '../helpers/variant-build.ts';

function problemsIn(distDir: string, address: SiteAddress): { lines: string[]; report: ReturnType<typeof checkInternalLinks> } {
  const report = checkInternalLinks(distDir, address);
  return { lines: report.problems.map(formatProblem), report };
}

describe('the link checker itself', () => {
  let dir: string;
  const page = (body: string, head = '') =>
    `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'links-'));
    const files: Record<string, string> = {
      'index.html': page([
          '<main id="main">',
          '<a href="/sub/a/">ok</a> <a href="/sub/a/#part">ok fragment</a> <a href="#main">ok self</a>',
          '<a href="/sub/a/?q=x#part">ok query</a> <a href="/sub/caf%C3%A9/">ok encoded</a>',
          '<a href="https://example.org/x/">external</a> <a href="mailto:desk@example.org">mail</a>',
          '<a href="https://site.example/sub/feed.xml">own origin, absolute</a>',
          '<a href="/sub/missing/">missing page</a> <a href="/sub/a/#nowhere">missing fragment</a>',
          '<a href="/sub/a">no trailing slash</a> <a href="/a/">outside base</a>',
          '<a href="javascript:alert(1)">script</a> <a href="/sub/feed.xml#x">fragment in xml</a>',
          '<img src="/sub/missing.png" srcset="/sub/logo.svg 1x, /sub/missing@2x.png 2x" alt="">',
          '</main>',
        ].join(''),
        '<link rel="canonical" href="https://site.example/sub/nope/"><meta property="og:image" content="https://site.example/sub/logo.svg">',
      ),
      'a/index.html': page('<h2 id="part">Part</h2><a href="../">up</a><a href="b.html">relative missing</a>'),
      'café/index.html': page('<p>encoded</p>'),
      '404.html': page('<a href="/sub/">home</a><a href="a/">relative</a>'),
      'feed.xml': '<rss></rss>',
      'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'pagefind/ignored.html': page('<a href="/nowhere/">not a page of the site</a>'),
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds exactly the broken URLs and passes the rest', () => {
    const report = checkInternalLinks(dir, { origin: 'https://site.example', base: '/sub/' });
    expect(report.problems.map((p) => `${p.page} ${p.value} → ${p.problem}`).sort()).toEqual(
      [
        'index.html /sub/missing/ → no such file in dist: missing/index.html',
        'index.html /sub/a/#nowhere → no element with id "nowhere" in a/index.html',
        'index.html /sub/a → missing trailing slash (the page is /sub/a/)',
        "index.html /a/ → points outside the site's base path /sub/",
        'index.html javascript:alert(1) → javascript: URLs are not allowed',
        'index.html /sub/feed.xml#x → #x points into feed.xml, which is not an HTML page',
        'index.html /sub/missing.png → no such file in dist: missing.png',
        'index.html /sub/missing@2x.png → no such file in dist: missing@2x.png',
        'index.html https://site.example/sub/nope/ → no such file in dist: nope/index.html',
        'a/index.html b.html → no such file in dist: a/b.html',
        '404.html a/ → relative URL on the 404 page, which is served at any address',
      ].sort(),
    );
    expect(report.pages).toBe(4);
    expect(report.fragments).toBe(3);
  });
});

describe.each([
  { name: 'site (dist/)', distDir: siteDist },
  { name: 'fixture', distDir: fixtureDist },
])('$name', ({ distDir }) => {
  it('has no broken internal link or #fragment', () => {
    const { lines, report } = problemsIn(distDir, { origin: site.url, base: site.base });
    expect(lines).toEqual([]);
    // The checker saw the site: every page links to at least the home page and #main (but a
    // week's email edition, a message rather than a page, has no skip link).
    expect(report.internal).toBeGreaterThan(report.pages * 10);
    const emails = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html') && isDigestEmailPath(name)).length;
    expect(report.fragments).toBeGreaterThanOrEqual(report.pages - emails);
  });
});

describe('fixture built under a sub-path (BASE_PATH=/policy/)', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await variantBuild();
  });

  // Root-relative URLs written in article Markdown (the hostile-markup fixture's `/topics/ai/`
  // and `/favicon.svg`) get the base path from the sanitiser (src/lib/sanitize.ts).
  it('has no broken internal link or #fragment, and none that leaves the base path', () => {
    const { lines, report } = problemsIn(outDir, variant.address);
    expect(lines).toEqual([]);
    expect(report.internal).toBeGreaterThan(report.pages * 10);
  });
});
