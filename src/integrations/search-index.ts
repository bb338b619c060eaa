/**
 * Builds the Pagefind search index from the finished pages as the last step of `astro build`,
 * so `npm run build` alone produces a searchable site. Pagefind reports problems in `errors`
 * arrays instead of throwing; any of them fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { site } from '../lib/site.ts';
import { mark } from './build-timings.ts';

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`Pagefind failed to ${step}:\n- ${errors.join('\n- ')}`);
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        mark('indexStart');
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: site.lang });
          if (!index || errors.length > 0) fail('start', errors);
          // Only article pages carry data-pagefind-body; reading the listing pages too would
          // only cost time (thousands of topic and entity pages on a large archive).
          const added = await index.addDirectory({ path: outDir, glob: 'articles/**/*.html' });
          if (added.errors.length > 0) fail(`index ${outDir}`, added.errors);
          if (added.page_count === 0) fail('index', ['no page carries data-pagefind-body']);
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          if (written.errors.length > 0) fail('write the index', written.errors);
          mark('indexEnd');
          logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
