/**
 * Two builds of the same sources produce byte-identical sites, Pagefind's index and the preview
 * images included: the fixture site the global setup built (tests/helpers/build-fixture.ts) and
 * one clean build of a copy of its content.
 *
 * The clean build runs the real pipeline (`node scripts/build.ts`: Astro, Pagefind, audit,
 * swap) in a fresh copy of the project (tests/helpers/isolated-build.ts) with an empty
 * preview-image cache, so it reuses no cache of the other build and renders every image again.
 * The project, the content and the output all sit at other absolute paths, and it runs in
 * another time zone and locale, so output that depends on where the project sits, on the
 * clock's zone, on the machine's language or on what a cache held shows up as a difference.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, firstDifference } from '../helpers/fingerprint.ts';
import { buildIsolated } from '../helpers/isolated-build.ts';
import { fixtureContent, fixtureDist } from '../helpers/paths.ts';

describe('the fixture build and a clean build of the same sources', () => {
  let work: string;
  const first = fixtureDist;
  let second: string;
  let secondOutput: { stdout: string; stderr: string };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reproducible-'));
    second = join(work, 'dist');
    cpSync(fixtureContent, join(work, 'content'), { recursive: true });
    secondOutput = await buildIsolated({
      outDir: second,
      imageCache: 'fresh',
      env: { CONTENT_DIR: join(work, 'content'), TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', BUILD_LOG_LEVEL: '' },
    });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('produce byte-identical files, Pagefind index and preview images included', () => {
    const a = fingerprint(first);
    const b = fingerprint(second);
    expect([...a.keys()].filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(5);
    expect([...a.keys()].filter((file) => file.endsWith('.png')).length).toBeGreaterThan(100);
    expect([...b.keys()], 'the same files').toEqual([...a.keys()]);
    const different = [...a.keys()]
      .filter((file) => a.get(file) !== b.get(file))
      .map((file) => `${file}: ${firstDifference(readFileSync(join(first, file)), readFileSync(join(second, file)))}`);
    expect(different).toEqual([]);
  });

  // What an editor reads at the default log level: Astro's warnings and errors, of which a clean
  // build has none, and then the one line saying what was built.
  it('print at the default log level only the line saying what was built', () => {
    expect(secondOutput.stderr).toBe('');
    expect(secondOutput.stdout).toMatch(/^built \d+ articles, \d+ pages, \d+ feeds in \d+\.\d s \u2192 \S+\/\n$/);
  });
});
