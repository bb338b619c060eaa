import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimStaging, readPageRecord, type PageRecord } from '../../scripts/lib/build-cache.ts';

function record(pages: string[]): PageRecord {
  const paths = Object.fromEntries(pages.map((path) => [path, { outputFile: `${path.slice(1)}index.html` }]));
  return { routes: { 'src/pages/articles/[slug].astro': { paths } } };
}

describe("reading Astro's record of the last build", () => {
  const before = record(['/articles/a/', '/articles/b/', '/articles/c/']);

  it('reads no record from a folder without one, or with a damaged one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      expect(readPageRecord(dir)).toBeNull();
      for (const damaged of ['{"routes": ', '{}', '{"routes": {"a": {}}}', 'null']) {
        writeFileSync(join(dir, 'incremental-build.json'), damaged);
        expect(readPageRecord(dir)).toBeNull();
      }
      writeFileSync(join(dir, 'incremental-build.json'), JSON.stringify(before));
      expect(readPageRecord(dir)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('claiming the staging folder', () => {
  it('refuses a second build into the same folder while the first runs, and takes over a dead one’s lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'staging-'));
    const staging = join(dir, 'staging-x');
    try {
      // The test runner's parent process is alive and is not this process.
      writeFileSync(`${staging}.lock`, String(process.ppid));
      expect(() => claimStaging(staging)).toThrow(`another build into the same output folder is running (process ${process.ppid})`);
      writeFileSync(`${staging}.lock`, '999999999');
      const claim = claimStaging(staging);
      claim.release();
      expect(() => claimStaging(staging).release()).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
