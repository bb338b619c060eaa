/**
 * The fixture site built once per test run the way a newsroom with other settings would build
 * it: served under a sub-path (BASE_PATH=/policy/ on another origin) and with the "/" search
 * shortcut off (SEARCH_SHORTCUT=off). One build serves tests/build/links.test.ts (no URL
 * forgets the base path) and tests/build/no-shortcut.test.ts (no page but search loads a
 * script): the two settings touch different things, and a build here costs as much as a test
 * file.
 *
 * It runs the whole pipeline, audit included, so the README's sub-path command works as written.
 * The first test file that asks builds it; later files of the same run (the global setup names
 * the run) find it in .cache/variant/.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildIsolated } from './isolated-build.ts';
import { fixtureContent, root } from './paths.ts';

export const variant = {
  /** The site's address in this build. */
  address: { origin: 'https://news.example.org', base: '/policy/' },
  dist: `${root}.cache/variant/dist`,
};
const marker = `${root}.cache/variant/run`;

/** Builds the variant unless this test run already has; resolves with its output folder. */
export async function variantBuild(): Promise<string> {
  const run = process.env.NEWSROOM_TEST_RUN;
  if (run && existsSync(marker) && readFileSync(marker, 'utf8') === run) return variant.dist;
  rmSync(`${root}.cache/variant`, { recursive: true, force: true });
  mkdirSync(`${root}.cache/variant`, { recursive: true });
  await buildIsolated({
    outDir: variant.dist,
    imageCache: 'shared',
    env: { CONTENT_DIR: fixtureContent, BASE_PATH: variant.address.base, SITE_URL: variant.address.origin, SEARCH_SHORTCUT: 'off' },
  });
  if (run) writeFileSync(marker, run);
  return variant.dist;
}
