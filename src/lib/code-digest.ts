/**
 * A digest of the code a module runs, for salting cached results: a result computed by other
 * code never matches. It covers
 * - the bytes of the module's own file and of every file it imports by a relative path, followed
 *   to the end: the TypeScript sources when the module runs as they are (tests, scripts), the
 *   chunks Astro's build bundled them into when it runs inside the build. Either way it is the
 *   code that runs, read from the file that runs, so an edit made during a build cannot pair
 *   new code's digest with results of the old;
 * - the packages it imports by name: the version installed of each, and the lockfiles of the
 *   project (package-lock.json, and node_modules/.package-lock.json, npm's record of what is
 *   installed), which change with any package installed or upgraded, dependencies of
 *   dependencies included;
 * - the Node version, whose Unicode tables and ICU decide regular expressions, normalisation and
 *   collation.
 * When an import cannot be followed (a file not found, or a dynamic import of a path computed at
 * run time) there is no digest: a cache salted by part of the code could be stale, so the caller
 * must not cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Module specifiers in JavaScript or TypeScript: a quoted name after `from` (import and export),
 * after `import`, or as the argument of a dynamic import. Comments and strings that happen to
 * read so are taken too, which can only add to the digest (or, for a relative path not found,
 * refuse it), never leave a real import out.
 */
const SPECIFIER = /\bfrom\s*(["'])([^"'\n]+)\1|\bimport\s*\(?\s*(["'])([^"'\n]+)\3/g;

/** A dynamic import of anything but a quoted name: its module cannot be known from the text. */
const COMPUTED_IMPORT = /\bimport\s*\(\s*[^\s"')]/;

const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names: 'sanitize-html', '@scope/name' (of '@scope/name/sub'). */
export function packageName(specifier: string): string | null {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) return null;
  // Virtual modules of a bundler (astro:content, virtual:…) are its own code, covered by its version.
  if (/^[a-z][\w+.-]*:/i.test(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The module files a module imports by relative path, transitively, and the packages they import by name. */
export function moduleGraph(entry: string): { files: string[]; packages: string[] } | null {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    if (COMPUTED_IMPORT.test(source)) return null;
    files.add(file);
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = match[2] ?? match[4];
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        // Only exact file names: every import here names its file, and anything else (a folder,
        // a name without extension) cannot be followed with certainty.
        pending.push(resolve(dirname(file), specifier.split(/[?#]/)[0]));
      } else {
        const name = packageName(specifier);
        if (name) packages.add(name);
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The folders from `dir` up to the file-system root, nearest first. */
function ancestors(dir: string): string[] {
  const list = [dir];
  while (dirname(list.at(-1)!) !== list.at(-1)) list.push(dirname(list.at(-1)!));
  return list;
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/**
 * The digest of the code `entry` (a file path or file: URL, typically `import.meta.url`) runs;
 * null when its imports cannot all be followed.
 */
export function codeDigest(entry: string | URL): string | null {
  try {
    return digestOf(typeof entry === 'string' && !/^[a-z][\w+.-]+:/i.test(entry) ? resolve(entry) : fileURLToPath(entry));
  } catch {
    // Not a file (a module loaded from elsewhere), or one that went away while being read.
    return null;
  }
}

function digestOf(file: string): string | null {
  const graph = moduleGraph(file);
  if (!graph) return null;
  const hash = createHash('sha256');
  const field = (name: string, value: string | Buffer | null) => {
    hash.update(`${name}\0`);
    hash.update(value === null ? '\u0001absent' : value);
    hash.update('\0');
  };
  field('node', `${process.versions.node} unicode ${process.versions.unicode} icu ${process.versions.icu}`);
  // Named relative to the entry, so that the same code at another place has the same digest.
  for (const each of graph.files) field(`file ${relative(dirname(file), each)}`, readFileSync(each));
  // Packages are looked up as Node does: in node_modules of the module's folder or the nearest above it.
  const searchDirs = ancestors(dirname(file));
  const installs = new Set<string>();
  for (const name of graph.packages) {
    const dir = searchDirs.find((each) => existsSync(join(each, 'node_modules', name, 'package.json')));
    // A name Node would not find is no import the module runs with (it would not have loaded).
    if (dir === undefined) {
      field(`package ${name}`, null);
      continue;
    }
    installs.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
    field(`package ${name}`, String(manifest.version));
  }
  // The lockfiles beside each node_modules the packages came from.
  for (const dir of [...installs].sort()) {
    field(`lockfile ${dir}`, readOrNull(join(dir, 'package-lock.json')));
    field(`installed ${dir}`, readOrNull(join(dir, 'node_modules', '.package-lock.json')));
  }
  return hash.digest('hex');
}
