/**
 * Every entry (file and folder) of a built site, in the order a recursive readdir lists them:
 * each folder's entries, then its subfolders' in turn, breadth first, following links to
 * folders. Listing the site's thousands of page folders is mostly waiting on the file system, so
 * the audit has a worker thread do it (listBuiltSiteAside) while it reads documents.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface SiteListing {
  /** Paths relative to the site's folder, '/' between names. */
  entries: string[];
  /** The entries that are folders. */
  folders: string[];
}

/** The entries of dir but those of its top-level folder `skip`; none when dir is not a folder. */
export function listBuiltSite(dir: string, skip: string): SiteListing {
  const entries: string[] = [];
  const folders: string[] = [];
  const list = (folder: string) => {
    for (const entry of readdirSync(folder === '' ? dir : join(dir, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (path === skip) continue;
      entries.push(path);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(join(dir, path), { throwIfNoEntry: false })?.isDirectory())) folders.push(path);
    }
  };
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    list('');
    for (let next = 0; next < folders.length; next++) list(folders[next]);
  }
  return { entries, folders };
}

const TASK = 'list-built-site';

/** listBuiltSite in a worker thread, so the caller's thread is free meanwhile. */
export function listBuiltSiteAside(dir: string, skip: string): Promise<SiteListing> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { task: TASK, dir, skip } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`listing ${dir} stopped (exit code ${code})`)));
  });
}

if (!isMainThread && (workerData as { task?: string } | null)?.task === TASK) {
  const { dir, skip } = workerData as { dir: string; skip: string };
  parentPort!.postMessage(listBuiltSite(dir, skip));
}
