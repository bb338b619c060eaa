import { existsSync, linkSync, mkdirSync, mkdtempSync, promises, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PageRecord } from '../../scripts/lib/build-cache.ts';
import { awaitBeforeRendering, linkRecordedPages, readStoredTimes, recordedFiles, recordStoredTimes, replaceOnWrite, reusedStoredPages, settleLinkedPages } from '../../scripts/lib/staging-links.ts';

const root = mkdtempSync(join(tmpdir(), 'staging-links-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function record(files: Record<string, string[]>): PageRecord {
  return {
    routes: Object.fromEntries(Object.entries(files).map(([route, outputs]) => [route, { paths: Object.fromEntries(outputs.map((file) => [`/${file}`, { outputFile: file }])) }])),
  };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe('linking the last build pages into the staging folder', () => {
  it('links every recorded page that the cache holds, URL-encoded names decoded, and skips the missing ones', async () => {
    const cache = join(root, 'link-cache');
    const staging = join(root, 'link-staging');
    write(join(cache, 'dist/articles/chip-rules/index.html'), 'chip rules');
    write(join(cache, 'dist/topics/über/index.html'), 'topic');
    const last = record({ 'articles/[slug].astro': ['articles/chip-rules/index.html', 'articles/gone/index.html'], 'topics/[topic].astro': ['topics/%C3%BCber/index.html'] });
    recordStoredTimes(last, cache);
    const linked = await linkRecordedPages(last, cache, staging);
    expect(linked.map((page) => page.path).sort()).toEqual([join(staging, 'articles/chip-rules/index.html'), join(staging, 'topics/über/index.html')]);
    expect(statSync(join(staging, 'articles/chip-rules/index.html')).ino).toBe(statSync(join(cache, 'dist/articles/chip-rules/index.html')).ino);
    expect(existsSync(join(staging, 'articles/gone'))).toBe(false);
    expect(recordedFiles(null)).toEqual([]);
  });
});

describe('counting the pages a build reused', () => {
  it('counts the pages whose stored copy is the one the last build left', async () => {
    const cache = join(root, 'count-cache');
    for (const page of ['a', 'b', 'c']) write(join(cache, `dist/articles/${page}/index.html`), page);
    const pages = record({ 'articles/[slug].astro': ['articles/a/index.html', 'articles/b/index.html', 'articles/c/index.html'] });
    recordStoredTimes(pages, cache);
    const before = readStoredTimes(cache);
    expect(reusedStoredPages(before, before)).toBe(3);
    await new Promise((done) => setTimeout(done, 20));
    // b rendered again (a new stored copy), c gone, d new.
    rmSync(join(cache, 'dist/articles/b/index.html'));
    write(join(cache, 'dist/articles/b/index.html'), 'b again');
    write(join(cache, 'dist/articles/d/index.html'), 'd');
    recordStoredTimes(record({ 'articles/[slug].astro': ['articles/a/index.html', 'articles/b/index.html', 'articles/d/index.html'] }), cache);
    expect(reusedStoredPages(before, readStoredTimes(cache))).toBe(1);
    expect(reusedStoredPages({}, readStoredTimes(cache))).toBe(0);
    expect(readStoredTimes(join(root, 'no-cache'))).toEqual({});
  });
});

describe('a stored page changed since the build that stored it', () => {
  it('is deleted instead of linked, so that Astro renders the page again', async () => {
    const cache = join(root, 'edited-cache');
    const staging = join(root, 'edited-staging');
    write(join(cache, 'dist/articles/kept/index.html'), 'kept');
    write(join(cache, 'dist/articles/edited/index.html'), 'as stored');
    write(join(cache, 'dist/articles/unrecorded/index.html'), 'stored by another build');
    const last = record({ 'articles/[slug].astro': ['articles/kept/index.html', 'articles/edited/index.html'] });
    recordStoredTimes(last, cache);
    // A deploy step that edits the served site in place edits the stored page too.
    await new Promise((done) => setTimeout(done, 20));
    writeFileSync(join(cache, 'dist/articles/edited/index.html'), 'as stored, edited');
    const both = record({ 'articles/[slug].astro': ['articles/kept/index.html', 'articles/edited/index.html', 'articles/unrecorded/index.html'] });
    const linked = await linkRecordedPages(both, cache, staging);
    expect(linked.map((page) => page.path)).toEqual([join(staging, 'articles/kept/index.html')]);
    expect(existsSync(join(cache, 'dist/articles/edited/index.html'))).toBe(false);
    expect(existsSync(join(cache, 'dist/articles/unrecorded/index.html'))).toBe(false);
    expect(existsSync(join(staging, 'articles/edited'))).toBe(false);
  });
});

describe('writes into the staging folder and the cache replace files instead of writing into them', () => {
  it('leaves the other names of a linked file as they were, and writes in place elsewhere', async () => {
    const staging = join(root, 'write-staging');
    const cache = join(root, 'write-cache');
    const elsewhere = join(root, 'write-elsewhere');
    write(join(root, 'served/page.html'), 'served');
    write(join(root, 'served/copy.html'), 'served');
    write(join(root, 'served/stored.html'), 'served');
    for (const dir of [staging, join(cache, 'dist'), elsewhere]) mkdirSync(dir, { recursive: true });
    linkSync(join(root, 'served/page.html'), join(staging, 'page.html'));
    linkSync(join(root, 'served/stored.html'), join(cache, 'dist/page.html'));
    linkSync(join(root, 'served/copy.html'), join(elsewhere, 'page.html'));
    const restore = replaceOnWrite(staging, cache);
    try {
      await promises.writeFile(join(staging, 'page.html'), 'rendered');
      await promises.writeFile(new URL(`file://${join(cache, 'dist/page.html')}`), 'rendered again');
      await promises.writeFile(new URL(`file://${join(elsewhere, 'page.html')}`), 'rendered');
      write(join(root, 'restored.html'), 'restored');
      linkSync(join(root, 'served/page.html'), join(staging, 'second.html'));
      await promises.copyFile(join(root, 'restored.html'), join(staging, 'second.html'));
    } finally {
      restore();
    }
    expect(readFileSync(join(staging, 'page.html'), 'utf8')).toBe('rendered');
    expect(readFileSync(join(cache, 'dist/page.html'), 'utf8')).toBe('rendered again');
    expect(readFileSync(join(staging, 'second.html'), 'utf8')).toBe('restored');
    expect(readFileSync(join(root, 'served/page.html'), 'utf8')).toBe('served');
    expect(readFileSync(join(root, 'served/stored.html'), 'utf8')).toBe('served');
    // Outside the staging folder and the cache nothing changes: the write goes into the shared file.
    expect(readFileSync(join(root, 'served/copy.html'), 'utf8')).toBe('rendered');
  });

  it('makes the stored copy of a page a link to the page just written with the same text, and writes any other', async () => {
    const staging = join(root, 'twice-staging');
    const cache = join(root, 'twice-cache');
    for (const dir of [join(staging, 'a'), join(staging, 'b'), join(cache, 'dist/a'), join(cache, 'dist/b')]) mkdirSync(dir, { recursive: true });
    const page = ['<p>', 'chip rules', '</p>'].join('');
    const restore = replaceOnWrite(staging, cache);
    try {
      await promises.writeFile(join(staging, 'a/index.html'), page);
      await promises.writeFile(join(cache, 'dist/a/index.html'), page);
      await promises.writeFile(join(staging, 'b/index.html'), page);
      await promises.writeFile(join(cache, 'dist/b/index.html'), `${page} `);
    } finally {
      restore();
    }
    expect(statSync(join(cache, 'dist/a/index.html')).ino).toBe(statSync(join(staging, 'a/index.html')).ino);
    expect(statSync(join(cache, 'dist/b/index.html')).ino).not.toBe(statSync(join(staging, 'b/index.html')).ino);
    expect(readFileSync(join(cache, 'dist/b/index.html'), 'utf8')).toBe(`${page} `);
  });
});

describe('settling the linked pages after the build', () => {
  it('removes the links no route claimed, with their empty folders, keeps the claimed ones and names files written in place', async () => {
    const cache = join(root, 'settle-cache');
    const staging = join(root, 'settle-staging');
    for (const file of ['articles/kept/index.html', 'articles/removed/index.html', 'articles/rewritten/index.html', 'articles/damaged/index.html']) write(join(cache, 'dist', file), file);
    const last = record({ 'articles/[slug].astro': ['articles/kept/index.html', 'articles/removed/index.html', 'articles/rewritten/index.html', 'articles/damaged/index.html'] });
    recordStoredTimes(last, cache);
    const linked = await linkRecordedPages(last, cache, staging);
    const restore = replaceOnWrite(staging, cache);
    await promises.writeFile(join(staging, 'articles/rewritten/index.html'), 'new text');
    restore();
    await new Promise((done) => setTimeout(done, 20));
    writeFileSync(join(staging, 'articles/damaged/index.html'), 'written in place');
    const next = record({ 'articles/[slug].astro': ['articles/kept/index.html', 'articles/rewritten/index.html', 'articles/damaged/index.html'] });
    const settled = settleLinkedPages(linked, next, staging);
    expect(settled).toEqual({
      removed: 1,
      writtenInPlace: [join(staging, 'articles/damaged/index.html')],
      kept: { 'articles/kept/index.html': statSync(join(cache, 'dist/articles/kept/index.html')).mtimeMs },
    });
    expect(existsSync(join(staging, 'articles/removed'))).toBe(false);
    expect(readFileSync(join(staging, 'articles/kept/index.html'), 'utf8')).toBe('articles/kept/index.html');
    expect(readFileSync(join(cache, 'dist/articles/rewritten/index.html'), 'utf8')).toBe('articles/rewritten/index.html');
  });
});

describe('holding Astro back until the links are made', () => {
  const config = (command: string, names: string[]) => ({ command, getSortedPlugins: () => names.map((name) => ({ name })) });
  const plugin = awaitBeforeRendering(Promise.resolve([]), () => {});
  const resolved = (value: ReturnType<typeof config>) => (plugin.configResolved as (config: unknown) => void)(value);

  it('refuses a build whose hooks would let Astro render before the links are made, or that it cannot place', () => {
    expect(() => resolved(config('build', ['policy-news:linked-pages', 'astro:build-generate']))).not.toThrow();
    expect(() => resolved(config('build', ['astro:build-generate', 'policy-news:linked-pages']))).toThrow('linked before Astro renders');
    expect(() => resolved(config('build', ['policy-news:linked-pages']))).toThrow('linked before Astro renders');
    expect(() => resolved(config('serve', ['policy-news:linked-pages']))).not.toThrow();
  });

  it('hands over the linked pages once the linking is done', async () => {
    let handed: unknown = null;
    const pages = [{ outputFile: 'a/index.html', path: '/site/a/index.html', ino: 1, mtimeMs: 1 }];
    const holding = awaitBeforeRendering(Promise.resolve(pages), (linked) => (handed = linked));
    await (holding.buildApp as { handler: () => Promise<void> }).handler();
    expect(handed).toBe(pages);
  });
});
