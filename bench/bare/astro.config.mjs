// @ts-check
/**
 * The benchmark's baseline (issue 6): a bare Astro 7 site that renders the same Markdown articles
 * to one page per article and nothing else: no topic pages, feeds, sitemap, search page or audit.
 * scripts/bench.ts builds it with the root's node_modules and then runs the Pagefind CLI on it:
 *
 *   CONTENT_DIR=/tmp/corpus BARE_OUT_DIR=/tmp/bare-out astro build --root bench/bare
 *   pagefind --site /tmp/bare-out
 *
 * CONTENT_DIR is a folder holding articles/*.md (default: the repo's content/).
 */
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'https://bench.example',
  outDir: process.env.BARE_OUT_DIR ?? './dist',
  // A cache of its own, so every benchmark build starts cold, as the full build does.
  cacheDir: process.env.BARE_CACHE_DIR ?? './.cache',
  build: { format: 'directory' },
  vite: process.env.BARE_CACHE_DIR ? { cacheDir: `${process.env.BARE_CACHE_DIR}/vite` } : {},
});
