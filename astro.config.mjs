// @ts-check
import { defineConfig } from 'astro/config';
import { site } from './src/lib/site.ts';
import buildTimings from './src/integrations/build-timings.ts';
import searchIndex from './src/integrations/search-index.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // 'jsx' (Astro 7's default) drops the space between inline elements, which Pagefind then
  // indexes as run-together words; true keeps one space.
  compressHTML: true,
  // Small scripts would otherwise be inlined, which the Content-Security-Policy forbids.
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [buildTimings(), searchIndex()],
});
