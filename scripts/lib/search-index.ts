/**
 * Builds the Pagefind search index over a finished site. Pagefind reports problems in `errors`
 * arrays instead of throwing; any of them is turned into an error here.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { site } from '../../src/lib/site.ts';

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`Pagefind failed to ${step}:\n- ${errors.join('\n- ')}`);
}

/**
 * Indexes outDir's article pages into outDir/pagefind/ and returns how many pages it indexed.
 * `meanwhile` runs on this thread while Pagefind reads the pages in its own process.
 */
export async function buildSearchIndex(outDir: string, meanwhile?: () => void): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: site.lang });
    if (!index || errors.length > 0) fail('start', errors);
    // Only article pages carry data-pagefind-body; reading the listing pages too would only cost
    // time (thousands of topic and entity pages on a large archive).
    const adding = index.addDirectory({ path: outDir, glob: 'articles/**/*.html' });
    if (meanwhile) {
      // Let the request reach Pagefind before this thread is busy.
      await new Promise((resolve) => setImmediate(resolve));
      meanwhile();
    }
    const added = await adding;
    if (added.errors.length > 0) fail(`index ${outDir}`, added.errors);
    if (added.page_count === 0) fail('index', ['no page carries data-pagefind-body']);
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length > 0) fail('write the index', written.errors);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
