// @ts-check
import { defineConfig } from 'astro/config';
import { site } from './src/lib/site.ts';
import contentStoreAscii from './src/integrations/content-store-ascii.ts';
import headersFile from './src/integrations/headers-file.ts';
import ogImages from './src/integrations/og-images.ts';
import { cspDirectives, cspScriptSources, cspStyleSources } from './src/lib/security.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  // Astro awaits each page's mkdir and write before it renders the next; with a few pages in
  // flight the render goes on while the disk works (bench/README.md has the measurements).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // 'jsx' (Astro 7's default) drops the space between inline elements, which Pagefind then
  // indexes as run-together words; true keeps one space.
  compressHTML: true,
  // Shiki colours code with inline styles, which the Content-Security-Policy (style-src 'self') forbids.
  markdown: { syntaxHighlight: false },
  // Small scripts would otherwise be inlined, which the Content-Security-Policy forbids.
  vite: { build: { assetsInlineLimit: 0 } },
  // A <meta> Content-Security-Policy on every page; no inline script is allowed.
  security: {
    csp: {
      directives: cspDirectives,
      scriptDirective: { resources: cspScriptSources },
      styleDirective: { resources: cspStyleSources },
    },
  },
  // A page whose cache key (src/lib/page-key.ts) and code are unchanged is copied from the last
  // build (kept in the build cache, scripts/lib/build-cache.ts) instead of rendered again.
  experimental: { incrementalBuild: true },
  // The Pagefind index is built by scripts/build.ts (npm run build) once Astro has finished.
  integrations: [contentStoreAscii(), ogImages(), headersFile()],
});
