/**
 * Where a build keeps what the next build of the same content may reuse: Astro's content store
 * and rendered pages (its cacheDir), the search index's parts and the audit's readings. The
 * project's own content/ uses Astro's default, node_modules/.astro; another content folder
 * (CONTENT_DIR) gets a folder of its own there, so builds of different sites never mix. BUILD_CACHE names another place
 * (a CI runner's cached path, or a fresh folder for a clean build).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { site } from '../../src/lib/site.ts';

export function buildCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BUILD_CACHE) return resolve(env.BUILD_CACHE);
  const content = resolve(site.contentDir);
  if (content === resolve('content')) return resolve('node_modules/.astro');
  return resolve('node_modules/.astro/sites', createHash('sha256').update(content).digest('hex').slice(0, 16));
}

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

/** What Astro's incremental build records of each page: its route's code hash, its cache key and its file. */
export interface PageRecord {
  configHash: string;
  lockfileHash: string;
  routes: Record<string, { dependencyHash: string; paths: Record<string, { cacheKey: string; outputFile: string }> }>;
}

/** Astro's record of the pages of the last build in cacheDir, or null when there is none. */
export function readPageRecord(cacheDir: string): PageRecord | null {
  try {
    return JSON.parse(readFileSync(join(cacheDir, 'incremental-build.json'), 'utf8')) as PageRecord;
  } catch {
    return null;
  }
}
