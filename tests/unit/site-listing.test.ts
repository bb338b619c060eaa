import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBuiltSite, listBuiltSiteAside } from '../../scripts/lib/site-listing.ts';
import { BuiltDocuments, BuiltFiles } from '../../scripts/audit.ts';

const site = mkdtempSync(join(tmpdir(), 'site-listing-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

const files = [
  'index.html',
  'rss.xml',
  'topics/ai/index.html',
  'topics/ai/2/index.html',
  'topics/ai/archive/2024/05/rss.xml',
  'topics/chips/index.html',
  'entities/nvidia/index.html',
  'articles/a/index.html',
  'articles/b/index.html',
  'articles/b/extra/index.html',
  'pagefind/pagefind.js',
  'pagefind/fragment/x.pf_fragment',
];
for (const file of files) {
  mkdirSync(join(site, file, '..'), { recursive: true });
  writeFileSync(join(site, file), file);
}
// A folder reached through a link counts, as a recursive readdir counts it.
mkdirSync(join(site, '..', `${site.split('/').at(-1)}-linked`, 'deep'), { recursive: true });
writeFileSync(join(site, '..', `${site.split('/').at(-1)}-linked`, 'deep', 'index.html'), 'linked');
symlinkSync(join(site, '..', `${site.split('/').at(-1)}-linked`), join(site, 'linked'));
afterAll(() => rmSync(join(site, '..', `${site.split('/').at(-1)}-linked`), { recursive: true, force: true }));

/** What a recursive readdir lists, without the search index. */
const readdirListing = () => readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((name) => name !== 'pagefind' && !name.startsWith('pagefind/'));

describe('the list of a built site', () => {
  it('holds the entries of a recursive readdir, in its order, without the skipped folder', () => {
    const { entries, folders } = listBuiltSite(site, 'pagefind');
    expect(entries).toEqual(readdirListing());
    expect(entries).toContain('linked/deep/index.html');
    expect(folders).toContain('linked/deep');
    expect(folders).not.toContain('rss.xml');
    expect(listBuiltSite(join(site, 'missing'), 'pagefind')).toEqual({ entries: [], folders: [] });
  });

  it('is the same when a worker thread lists it', async () => {
    expect(await listBuiltSiteAside(site, 'pagefind')).toEqual(listBuiltSite(site, 'pagefind'));
  });

  it('gives the pages under a folder as a recursive readdir of that folder would', () => {
    const built = new BuiltFiles(site, listBuiltSite(site, 'pagefind'));
    const pagesOf = (folder: string) =>
      readdirSync(join(site, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => name === 'index.html' || name.endsWith('/index.html'))
        .map((name) => `${folder}/${name}`);
    for (const folder of ['topics/ai', 'topics', 'articles', 'articles/b', 'linked']) expect(built.pagesUnder(folder)).toEqual(pagesOf(folder));
    expect(built.pagesUnder('topics/ai')).toEqual(['topics/ai/index.html', 'topics/ai/2/index.html']);
    expect(built.pagesUnder('topics/none')).toEqual([]);
    // A path the list does not hold as written is looked up on disk.
    expect(built.pagesUnder('entities/../topics/chips')).toEqual(['topics/chips/index.html']);
    expect(built.exists('/topics/ai/2/index.html')).toBe(true);
    expect(built.exists('/topics/ai/3/index.html')).toBe(false);
  });
});

describe('the built documents', () => {
  it('reads each file whole, and null for one that is missing', () => {
    const big = 'x'.repeat(3_000_000);
    writeFileSync(join(site, 'big.xml'), big);
    const documents = new BuiltDocuments(site);
    expect(documents.read('/topics/ai/index.html')?.toString()).toBe('topics/ai/index.html');
    expect(documents.read('big.xml')?.toString()).toBe(big);
    expect(documents.read('/rss.xml')?.toString()).toBe('rss.xml');
    expect(documents.read('/nothing.xml')).toBeNull();
    expect(documents.exists('/rss.xml')).toBe(true);
    expect(documents.exists('/topics/ai/2/index.html')).toBe(true);
    expect(documents.exists('/topics/ai/4/index.html')).toBe(false);
    expect(() => documents.read('/topics')).toThrow(/EISDIR/);
  });
});
