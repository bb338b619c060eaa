/**
 * What a build keeps for the next build of the same content, in the build cache folder
 * (buildCacheDir, src/lib/build-cache-dir.ts): Astro's content store and rendered pages (its
 * cacheDir), the site model's per-article results, the search index's parts and the audit's
 * readings; and the staging folder a build renders into.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export { buildCacheDir } from '../../src/lib/build-cache-dir.ts';

/**
 * The folder a build renders into before it is swapped into outDir. It is the same for every
 * build into one outDir: Astro's code for the pages holds this path, and a page is reused only
 * while its code is unchanged.
 */
export function stagingDir(outDir: string): string {
  return resolve('.cache', `staging-${createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 12)}`);
}

/**
 * Claims the staging folder for this process: a lock file holding its process id. Another build
 * into the same outDir that is still running is an error; a lock left by one that died is taken over.
 */
export function claimStaging(staging: string): { release(): void } {
  const lock = `${staging}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return { release: () => rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new Error(`another build into the same output folder is running (process ${holder}); wait for it to end`);
    }
    rmSync(lock, { force: true });
  }
}

/** Whether a process with this id is running (one of another user's counts). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What this project reads of Astro's incremental-build record: the file of each page it built. */
export interface PageRecord {
  routes: Record<string, { paths: Record<string, { outputFile: string }> }>;
}

/** Astro's record of the pages of the last build in cacheDir, or null when there is none or it is damaged. */
export function readPageRecord(cacheDir: string): PageRecord | null {
  try {
    const record = JSON.parse(readFileSync(join(cacheDir, 'incremental-build.json'), 'utf8')) as Partial<PageRecord> | null;
    const routes = Object.values(record?.routes ?? {});
    return record?.routes && routes.every((route) => route && typeof route.paths === 'object' && route.paths !== null) ? (record as PageRecord) : null;
  } catch {
    return null;
  }
}
