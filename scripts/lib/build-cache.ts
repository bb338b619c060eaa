/**
 * Where a build keeps what the next build of the same content may reuse: Astro's content store
 * and rendered pages (its cacheDir), and the search index's parts. The project's own content/
 * uses Astro's default, node_modules/.astro; another content folder (CONTENT_DIR) gets a folder
 * of its own there, so builds of different sites never mix. BUILD_CACHE names another place
 * (a CI runner's cached path, or a fresh folder for a clean build).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { site } from '../../src/lib/site.ts';

export function buildCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BUILD_CACHE) return resolve(env.BUILD_CACHE);
  const content = resolve(site.contentDir);
  if (content === resolve('content')) return resolve('node_modules/.astro');
  return resolve('node_modules/.astro/sites', createHash('sha256').update(content).digest('hex').slice(0, 16));
}
