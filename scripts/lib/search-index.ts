/**
 * Builds the Pagefind search index over a finished site with Pagefind's command-line program,
 * which the pagefind package installs. The CLI rather than the package's Node API: the API
 * takes longer and holds more memory on the same pages (bench/README.md has the figures). A
 * non-zero exit, or a run that indexed no page, is an error.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { site } from '../../src/lib/site.ts';
import { runNode } from './run-node.ts';

/** The package's own launcher (it picks the binary for this platform), beside its lib/index.js. */
function pagefindLauncher(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
}

/** The number of pages from the CLI's summary ("Indexed 10000 pages"), or null. */
export function indexedPageCount(output: string): number | null {
  const match = /Indexed (\d+) pages?\b/.exec(output);
  return match ? Number(match[1]) : null;
}

/** Indexes outDir's article pages into outDir/pagefind/ and returns how many pages it indexed. */
export async function buildSearchIndex(outDir: string): Promise<number> {
  // Only article pages carry data-pagefind-body; reading the listing pages too would only cost
  // time (thousands of topic and entity pages on a large archive).
  const args = ['--site', outDir, '--glob', 'articles/**/*.html', '--force-language', site.lang, '--output-path', join(outDir, 'pagefind')];
  const { code, stdout, stderr } = await runNode([pagefindLauncher(), ...args]);
  const output = `${stdout}${stderr}`;
  const tail = output.trim().split('\n').slice(-15).join('\n');
  if (code !== 0) throw new Error(`Pagefind failed (exit code ${code}):\n${tail}`);
  const pages = indexedPageCount(output);
  if (pages === null) throw new Error(`Pagefind did not say how many pages it indexed:\n${tail}`);
  if (pages === 0) throw new Error(`Pagefind indexed no page: no article page carries data-pagefind-body:\n${tail}`);
  return pages;
}
