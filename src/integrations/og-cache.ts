/**
 * The preview images' cache between builds: node_modules/.cache/og-images/<key>.png (OG_IMAGE_CACHE
 * overrides the folder), where the key (src/lib/og-layout.ts, ogCacheKey) hashes the image's text,
 * the template version and the fingerprint below. Files are written whole or not at all, published
 * into dist/ by hard link, and pruned once a day.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OgFontFile } from './og-fonts.ts';

const require = createRequire(import.meta.url);

/** The folder a package is installed in (some packages do not export their package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`og images: cannot find the folder of ${name}`);
    dir = parent;
  }
  return dir;
}

function packageVersion(name: string): string {
  return String((JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version?: string }).version);
}

/** What besides an image's text decides its pixels: the font bytes and the renderer versions. */
export function rendererFingerprint(fonts: readonly OgFontFile[]): string {
  const hash = createHash('sha256');
  for (const font of fonts) hash.update(`${font.file}:${font.weight}:`).update(font.data);
  return `${hash.digest('hex').slice(0, 16)};fontkit@${packageVersion('fontkit')};resvg@${packageVersion('@resvg/resvg-js')}`;
}

export function defaultCacheDir(): string {
  if (process.env.OG_IMAGE_CACHE) return process.env.OG_IMAGE_CACHE;
  // The node_modules folder the libraries were installed in: the project's.
  const modules = dirname(packageDir('fontkit'));
  return join(modules, '.cache', 'og-images');
}

/** Writes through a temporary file and a rename, so no build ever reads half an image. */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

/**
 * Puts a cached image into the output: a hard link where the file system allows (no bytes
 * copied; the cache replaces files by renaming, never rewrites them in place, so the link keeps
 * its image), else a copy.
 */
export function publish(cached: string, target: string): void {
  try {
    linkSync(cached, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') rmSync(target);
    copyFileSync(cached, target);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_MARK = '.last-prune';

/**
 * Deletes cached images this build does not use and nobody has written for 30 days, and temporary
 * files left by a crash, at most once a day. A build that had listed a deleted image renders it
 * again (see the generator's png()), so pruning while another build runs is safe.
 */
export function pruneCache(cacheDir: string, names: Iterable<string>, used: ReadonlySet<string>, now = Date.now()): string[] {
  const mark = join(cacheDir, PRUNE_MARK);
  try {
    if (now - statSync(mark).mtimeMs < DAY_MS) return [];
  } catch {
    // Never pruned.
  }
  writeFileSync(mark, '');
  const removed: string[] = [];
  for (const name of names) {
    if (used.has(name) || name.startsWith('.')) continue;
    const file = join(cacheDir, name);
    try {
      const age = now - statSync(file).mtimeMs;
      if (age > 30 * DAY_MS || (name.endsWith('.tmp') && age > DAY_MS)) {
        rmSync(file, { force: true });
        removed.push(name);
      }
    } catch {
      // Gone already.
    }
  }
  return removed;
}
