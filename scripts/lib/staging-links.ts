/**
 * Unchanged pages reach the staging folder as hard links to Astro's stored copies instead of as
 * copies. Astro keeps a page it may reuse when the file is already in the output folder, and
 * copies its stored copy there otherwise: at ten thousand articles that copying (and deleting the
 * copies with the previous site) is seconds of every publish. So while Astro starts, every page
 * of its last record is linked into the empty staging folder, and Astro renders only once that is
 * done; it then keeps the pages it may reuse and writes the others.
 *
 * A linked file is shared with the cache and with the site being served, so nothing may write
 * into it: writes that Astro makes into the staging folder or its cache replace the file (a new
 * one under the same name) instead of overwriting its bytes. After Astro, links it did not
 * claim (pages that no longer exist) are removed, and a linked file written in place anyway is
 * an error.
 */
import { promises, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import type { PageRecord } from './build-cache.ts';

/** Where Astro keeps its copy of each page, under its cacheDir. */
const STORED_PAGES = 'dist';

/** A file of a page record (as Astro writes it: URL-encoded, relative to the output folder) under dir. */
function recordedFile(dir: string, outputFile: string): string {
  return fileURLToPath(new URL(outputFile, pathToFileURL(`${resolve(dir)}${sep}`)));
}

/** Every output file in a page record. */
export function recordedFiles(record: PageRecord | null): string[] {
  if (!record) return [];
  return Object.values(record.routes).flatMap((route) => Object.values(route.paths).map((path) => path.outputFile));
}

/** A linked page: where it is and the file (inode) it shares. */
export interface LinkedPage {
  /** As Astro's record names it. */
  outputFile: string;
  path: string;
  ino: number;
  mtimeMs: number;
}

/**
 * The modification time of every stored page when the last build ended. A stored page is also a
 * file of the site being served, so a tool that edits the served site in place edits it too; a
 * stored page whose time has changed is deleted, and Astro renders that page again.
 */
const STORED_TIMES = 'stored-pages.json';

export function readStoredTimes(cacheDir: string): Record<string, number> {
  try {
    const times = JSON.parse(readFileSync(join(cacheDir, STORED_TIMES), 'utf8')) as unknown;
    return times && typeof times === 'object' ? (times as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * How many pages of the build whose stored times are `after` were kept from the one whose times
 * are `before`: a page Astro renders gets a new stored copy, a page it reuses keeps its copy.
 */
export function reusedStoredPages(before: Record<string, number>, after: Record<string, number>): number {
  return Object.entries(after).filter(([page, time]) => before[page] === time).length;
}

/**
 * Records the time of every stored page of `record` (after the build that wrote it); `known`
 * gives those already read (the linked pages Astro kept, whose file is the stored one).
 */
export function recordStoredTimes(record: PageRecord | null, cacheDir: string, known: Record<string, number> = {}): void {
  const times: Record<string, number> = {};
  for (const outputFile of recordedFiles(record)) {
    if (outputFile in known) {
      times[outputFile] = known[outputFile];
      continue;
    }
    try {
      times[outputFile] = statSync(recordedFile(join(cacheDir, STORED_PAGES), outputFile)).mtimeMs;
    } catch {
      // Not stored: nothing to link next time.
    }
  }
  const file = join(cacheDir, STORED_TIMES);
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(times));
  renameSync(`${file}.${process.pid}`, file);
}

/** Folders linked at once: enough to keep the disk busy while Astro starts. */
const FOLDERS_AT_ONCE = 16;

/**
 * Links every page of `record` from the cache's stored copies into `staging` (which must hold none
 * of them yet), a few folders at a time with the file system's asynchronous calls, so that Astro
 * starts meanwhile. Pages whose stored copy is missing, or changed since the build that stored it,
 * are left for Astro to render.
 */
export async function linkRecordedPages(record: PageRecord | null, cacheDir: string, staging: string): Promise<LinkedPage[]> {
  const byFolder = new Map<string, { outputFile: string; stored: string; target: string }[]>();
  for (const outputFile of recordedFiles(record)) {
    const target = recordedFile(staging, outputFile);
    const files = byFolder.get(dirname(target)) ?? [];
    files.push({ outputFile, stored: recordedFile(join(cacheDir, STORED_PAGES), outputFile), target });
    byFolder.set(dirname(target), files);
  }
  const times = readStoredTimes(cacheDir);
  const linked: LinkedPage[] = [];
  let linkable = true;
  const linkFolder = async (folder: string, files: { outputFile: string; stored: string; target: string }[]) => {
    await promises.mkdir(folder, { recursive: true });
    let made = 0;
    for (const { outputFile, stored, target } of files) {
      if (!linkable) break;
      let file;
      try {
        file = await promises.stat(stored);
        if (times[outputFile] !== file.mtimeMs) {
          await promises.rm(stored);
          continue;
        }
        await promises.link(stored, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === 'ENOENT') continue;
        // The cache on another file system, or one without hard links: Astro copies the pages.
        if (['EXDEV', 'EPERM', 'EMLINK'].includes(code)) {
          linkable = false;
          break;
        }
        throw error;
      }
      linked.push({ outputFile, path: target, ino: file.ino, mtimeMs: file.mtimeMs });
      made += 1;
    }
    // Only the folder itself: its parents may be in another folder's hands meanwhile.
    if (made === 0) await promises.rmdir(folder).catch(() => {});
  };
  const folders = [...byFolder];
  let taken = 0;
  const worker = async () => {
    while (taken < folders.length) await linkFolder(...folders[taken++]);
  };
  await Promise.all(Array.from({ length: FOLDERS_AT_ONCE }, worker));
  return linked;
}

function pathOf(file: unknown): string | null {
  if (typeof file === 'string') return resolve(file);
  if (file instanceof URL && file.protocol === 'file:') return fileURLToPath(file);
  return null;
}

/**
 * Makes every fs.promises.writeFile and copyFile into the staging folder or the cache replace its
 * target instead of writing into it, until the returned function is called. Astro writes pages
 * with these two; settleLinkedPages checks that nothing else wrote into a linked file.
 * Astro writes a page it rendered twice, to the site and to its stored copy: the stored copy is
 * made a link to the page just written when it is the same text (the very same string, just
 * written under the same name), which halves the writing of a cold build.
 */
export function replaceOnWrite(staging: string, cacheDir: string): () => void {
  const site = `${resolve(staging)}${sep}`;
  const stored = `${resolve(cacheDir, STORED_PAGES)}${sep}`;
  const cache = `${resolve(cacheDir)}${sep}`;
  // Pages written to the site and not yet to the cache: their text, by path within the site.
  const written = new Map<string, unknown>();
  const { writeFile, copyFile } = promises;
  promises.writeFile = (async (file: Parameters<typeof writeFile>[0], data: Parameters<typeof writeFile>[1], ...rest: [] | [never]) => {
    const path = pathOf(file);
    if (path === null || !(path.startsWith(site) || path.startsWith(cache))) return writeFile(file, data, ...rest);
    await promises.rm(path, { force: true });
    if (path.startsWith(site) && rest.length === 0) {
      await writeFile(file, data);
      written.set(path.slice(site.length), data);
      return;
    }
    const page = path.startsWith(stored) ? path.slice(stored.length) : null;
    if (page !== null && rest.length === 0 && written.get(page) === data) {
      written.delete(page);
      try {
        return await promises.link(site + page, path);
      } catch {
        // Not linkable (another file system): written below.
      }
    }
    return writeFile(file, data, ...rest);
  }) as typeof writeFile;
  promises.copyFile = (async (source: Parameters<typeof copyFile>[0], target: Parameters<typeof copyFile>[1], mode?: number) => {
    const path = pathOf(target);
    if (path !== null && (path.startsWith(site) || path.startsWith(cache))) await promises.rm(path, { force: true });
    return copyFile(source, target, mode);
  }) as typeof copyFile;
  return () => {
    promises.writeFile = writeFile;
    promises.copyFile = copyFile;
    written.clear();
  };
}

/** Removes dir and its parents up to (not including) root while they are empty. */
function removeEmptyFolders(dir: string, root: string): void {
  for (let folder = dir; folder.startsWith(`${resolve(root)}${sep}`); folder = dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

/**
 * After Astro: removes the linked pages it did not claim (in no route of its new record: an
 * article removed, a page of a listing that shrank) and returns the linked files that were
 * written in place, which must be none.
 */
export function settleLinkedPages(linked: LinkedPage[], record: PageRecord | null, staging: string): { removed: number; writtenInPlace: string[]; kept: Record<string, number> } {
  const claimed = new Set(recordedFiles(record).map((file) => recordedFile(staging, file)));
  let removed = 0;
  const writtenInPlace: string[] = [];
  const kept: Record<string, number> = {};
  for (const page of linked) {
    let now;
    try {
      now = statSync(page.path);
    } catch {
      continue;
    }
    // Replaced by Astro: a new file, nothing shared.
    if (now.ino !== page.ino) continue;
    if (now.mtimeMs !== page.mtimeMs) writtenInPlace.push(page.path);
    else if (!claimed.has(page.path)) {
      unlinkSync(page.path);
      removeEmptyFolders(dirname(page.path), staging);
      removed += 1;
    } else kept[page.outputFile] = page.mtimeMs;
  }
  return { removed, writtenInPlace, kept };
}

/** What the Astro step tells scripts/build.ts (over its IPC channel) when it starts rendering. */
export const ASTRO_RENDERING = 'rendering';

/** The Vite plugin of Astro's that renders the pages, once the bundles are built. */
const ASTRO_RENDERS = 'astro:build-generate';

/**
 * A Vite plugin that holds Astro back until the links are made: its hook runs once the bundles
 * are built and before Astro renders (both are "post" buildApp hooks; this one comes first). The
 * order is checked when the configuration is resolved, so a Vite or Astro that orders them
 * otherwise stops the build instead of racing the links.
 */
export function awaitBeforeRendering(linking: Promise<LinkedPage[]>, done: (linked: LinkedPage[]) => void): Plugin {
  const name = 'policy-news:linked-pages';
  return {
    name,
    enforce: 'pre',
    configResolved(config) {
      if (config.command !== 'build') return;
      const order = config.getSortedPlugins('buildApp').map((plugin) => plugin.name);
      const renders = order.indexOf(ASTRO_RENDERS);
      if (renders < 0 || order.indexOf(name) > renders) {
        throw new Error(`the build cannot make sure the last build's pages are linked before Astro renders (Vite's buildApp hooks run in the order ${order.join(', ')})`);
      }
    },
    buildApp: {
      order: 'post',
      async handler() {
        done(await linking);
      },
    },
  };
}
