/**
 * Where a build keeps what the next build of the same content may reuse (scripts/lib/build-cache.ts
 * lists what is kept there). Here, not beside the scripts, because the site model, which runs
 * inside Astro's build, keeps its per-article results there too. The project's own content/ uses
 * Astro's default, node_modules/.astro; another content folder (CONTENT_DIR) gets a folder of its
 * own there, so builds of different sites never mix. BUILD_CACHE names another place (a CI
 * runner's cached path, or a fresh folder for a clean build). Paths are relative to the working
 * folder, the project's root for every build step.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { site } from './site.ts';

export function buildCacheDir(env: NodeJS.ProcessEnv = process.env, contentDir: string = site.contentDir): string {
  if (env.BUILD_CACHE) return resolve(env.BUILD_CACHE);
  const content = resolve(contentDir);
  if (content === resolve('content')) return resolve('node_modules/.astro');
  return resolve('node_modules/.astro/sites', createHash('sha256').update(content).digest('hex').slice(0, 16));
}
