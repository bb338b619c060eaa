import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeDigest, moduleGraph, packageName } from '../../src/lib/code-digest.ts';
import { root } from '../helpers/paths.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'code-digest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A project: package.json, a lockfile, an installed package, and sources importing one another. */
function project(): string {
  write('package.json', '{"name":"p"}');
  write('package-lock.json', '{"lockfileVersion":3}');
  write('node_modules/.package-lock.json', '{"installed":1}');
  write('node_modules/dep/package.json', '{"name":"dep","version":"1.0.0"}');
  write('src/entry.ts', "import { b } from './b.ts';\nexport const a = b;\n");
  write('src/b.ts', "export { c as b } from './lib/c.ts';\n");
  write('src/lib/c.ts', "import dep from 'dep';\nimport { readFileSync } from 'node:fs';\nexport const c = dep;\n");
  return join(dir, 'src/entry.ts');
}

describe('the code digest', () => {
  it('follows relative imports and re-exports to the end, and names the packages imported', () => {
    const graph = moduleGraph(project());
    expect(graph?.files.map((file) => file.slice(dir.length + 1))).toEqual(['src/b.ts', 'src/entry.ts', 'src/lib/c.ts']);
    expect(graph?.packages).toEqual(['dep']);
  });

  it('follows the imports of bundled chunks, however they are written', () => {
    write('chunks/entry.mjs', 'import{x as y}from"./shared_Ab1.mjs";import"./side.mjs";const z=await import("./lazy.mjs");');
    write('chunks/shared_Ab1.mjs', 'export const x = 1;');
    write('chunks/side.mjs', '');
    write('chunks/lazy.mjs', 'export default 2;');
    expect(moduleGraph(join(dir, 'chunks/entry.mjs'))?.files.map((file) => file.slice(dir.length + 1))).toEqual([
      'chunks/entry.mjs',
      'chunks/lazy.mjs',
      'chunks/shared_Ab1.mjs',
      'chunks/side.mjs',
    ]);
  });

  it('is the same for the same code, by path or by URL', () => {
    const entry = project();
    const digest = codeDigest(entry);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(codeDigest(pathToFileURL(entry))).toBe(digest);
  });

  it.each([
    ['the module itself', () => write('src/entry.ts', "import { b } from './b.ts';\nexport const a = b + 1;\n")],
    ['a module imported through another', () => write('src/lib/c.ts', "import dep from 'dep';\nexport const c = dep + 1;\n")],
    ['the version of an imported package', () => write('node_modules/dep/package.json', '{"name":"dep","version":"1.0.1"}')],
    ['the lockfile', () => write('package-lock.json', '{"lockfileVersion":3,"x":1}')],
    ['what npm installed', () => write('node_modules/.package-lock.json', '{"installed":2}')],
  ])('changes with %s', (_, change) => {
    const entry = project();
    const before = codeDigest(entry);
    change();
    expect(codeDigest(entry)).not.toBe(before);
  });

  it('is refused when an imported file cannot be found', () => {
    const entry = project();
    write('src/b.ts', "export { c as b } from './lib/missing.ts';\n");
    expect(codeDigest(entry)).toBeNull();
  });

  it('is refused when a module imports a path computed at run time', () => {
    const entry = project();
    write('src/lib/c.ts', "const name = './d.ts';\nexport const c = await import(name);\n");
    expect(codeDigest(entry)).toBeNull();
  });

  it('is refused for a module that is no file', () => {
    expect(codeDigest('data:text/javascript,export default 1')).toBeNull();
    expect(codeDigest(new URL('https://example.com/module.js'))).toBeNull();
    expect(codeDigest(join(dir, 'missing.ts'))).toBeNull();
  });

  it('covers everything the article model derives with', () => {
    const graph = moduleGraph(join(root, 'src/lib/article-derive.ts'));
    const files = graph?.files.map((file) => relative(root, file));
    expect(files).toEqual(expect.arrayContaining(['src/lib/entities.ts', 'src/lib/sanitize.ts', 'src/lib/summary.ts', 'src/lib/text.ts', 'src/lib/urls.ts', 'src/lib/site.ts']));
    expect(graph?.packages).toEqual(expect.arrayContaining(['sanitize-html', 'entities']));
    expect(codeDigest(join(root, 'src/lib/article-derive.ts'))).not.toBeNull();
  });

  it('reads package names as Node does', () => {
    expect(['sanitize-html', '@scope/pkg/sub', 'entities/decode', 'node:fs', 'path', 'fs/promises', 'astro:content'].map(packageName)).toEqual([
      'sanitize-html',
      '@scope/pkg',
      'entities',
      null,
      null,
      null,
      null,
    ]);
  });
});
