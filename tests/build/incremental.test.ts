/**
 * Publishing into a site already built: a build that reuses the pages of the last one (their
 * cache keys and code unchanged) gives, byte for byte, the site a clean build of the same content
 * gives. A small site with a paginated topic, an author, related articles and weekly digests is
 * built once; then one article is added, one edited (title and text) and one removed, and a
 * topic is renamed (which every page naming it must show), and the build that reuses the last
 * one's pages is compared with a clean build. The site it replaces must not change meanwhile.
 */
import { cpSync, linkSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteDifferences } from '../helpers/fingerprint.ts';
import { root } from '../helpers/paths.ts';
import { runBuild } from '../helpers/run-build.ts';

const work = mkdtempSync(join(tmpdir(), 'incremental-'));
const content = join(work, 'content');
const dist = join(work, 'dist');
const cache = join(work, 'cache');
const FILLERS = 45;

function filler(n: number, day: string): string {
  return `---\ntitle: Trade talks round ${n} ends without a deal\ndate: ${day}\ntopics: [trade]\n${n % 3 === 0 ? 'authors: [mei-lin]\n' : ''}---\n\nNegotiators from China and the United States met for round ${n} of tariff talks on export controls.\n`;
}

/** Builds content into dist, reusing the cache from the build before; resolves with how many pages it reused. */
async function publish(): Promise<number> {
  const { code, output } = await runBuild(content, dist, { BUILD_CACHE: cache });
  if (code !== 0) throw new Error(`the build failed:\n${output}`);
  const reused = /, reusing ([\d,]+) unchanged documents? of the last build → /.exec(output);
  return reused ? Number(reused[1].replaceAll(',', '')) : 0;
}

/** A clean build of the same content (an empty build cache) into a folder of its own. */
async function cleanBuild(name: string): Promise<string> {
  const out = join(work, name);
  const { code, output } = await runBuild(content, out, { BUILD_CACHE: join(work, `${name}-cache`) });
  if (code !== 0) throw new Error(`the clean build failed:\n${output}`);
  return out;
}

beforeAll(async () => {
  cpSync(join(root, 'content'), content, { recursive: true });
  for (let n = 1; n <= FILLERS; n += 1) writeFileSync(join(content, 'articles', `round-${n}.md`), filler(n, `2024-0${1 + (n % 9)}-${String(1 + (n % 27)).padStart(2, '0')}`));
  await publish();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a build reusing the last build', () => {
  it('after an article is added, one edited and one removed and a topic renamed, is identical to a clean build', async () => {
    // Built again unchanged, the site's pages are those the cache holds.
    expect(await publish()).toBeGreaterThan(100);
    // A deploy step that edits a page of the served site in place edits the cache's copy too: the
    // next build renders that page again instead of reusing it.
    const stamped = join(dist, 'articles/china-boosts-us-chip-imports-ahead-of-potential-sanctions/index.html');
    const built = readFileSync(stamped, 'utf8');
    writeFileSync(stamped, built.replace('</body>', '<!-- deployed --></body>'));
    await publish();
    expect(readFileSync(stamped, 'utf8')).toBe(built);
    writeFileSync(join(content, 'articles', 'round-new.md'), filler(99, '2024-12-30'));
    const edited = join(content, 'articles', 'tiktok-faces-divestment-deadline-in-the-us.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^title: .*$/m, 'title: TikTok faces a new divestment deadline').replace('The measure, driven', 'The measure, long debated and driven'));
    unlinkSync(join(content, 'articles', 'round-20.md'));
    const topics = join(content, 'topics.yaml');
    writeFileSync(topics, readFileSync(topics, 'utf8').replace(/^(- id: trade\n {2}name:) .*$/m, '$1 Trade and tariffs'));
    // The site being served shares its unchanged pages' files with the build cache: a build must
    // replace them, never write into them. One held here by a name of its own must keep its text.
    const held = join(work, 'served-page.html');
    linkSync(join(dist, 'articles/round-1/index.html'), held);
    const served = readFileSync(held, 'utf8');
    const reused = await publish();
    expect(readFileSync(held, 'utf8')).toBe(served);
    // Pages that show none of it are reused: those of articles on other topics, their entities' listings.
    expect(reused).toBeGreaterThan(20);
    const clean = await cleanBuild('clean');
    expect(readFileSync(join(clean, 'articles/round-1/index.html'), 'utf8')).toContain('Trade and tariffs');
    expect(siteDifferences(clean, dist)).toEqual([]);
  });
});
