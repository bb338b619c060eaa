// @ts-check
/**
 * The benchmark's baseline: a bare Astro 7 site that renders the same Markdown articles
 * to one page per article and nothing else: no topic pages, feeds, sitemap, search page or audit.
 * bench/builds.ts builds it with the root's node_modules and then runs the Pagefind CLI on it:
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
  // Astro's default (one page at a time) for the baseline; BARE_CONCURRENCY only for the
  // benchmark's reference row that uses the site's own setting.
  build: { format: 'directory', concurrency: Number(process.env.BARE_CONCURRENCY ?? 1) },
  vite: process.env.BARE_CACHE_DIR ? { cacheDir: `${process.env.BARE_CACHE_DIR}/vite` } : {},
});
