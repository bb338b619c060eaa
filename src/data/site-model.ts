/**
 * Loads the content collections once per build and turns them into the site model.
 * Every route calls getSiteModel(); the promise is shared, so the collections are read,
 * validated and sorted once per build, not once for each page rendered. Each article's derived
 * data is kept in the build cache folder (site-model/articles.json), so the next build works
 * it out again only for articles that changed (src/lib/article-derive.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getCollection } from 'astro:content';
import { deriveCodeDigest, isKeptArticle } from '../lib/article-derive.ts';
import { buildCacheDir } from '../lib/build-cache-dir.ts';
import { openDerivedStore } from '../lib/derived-store.ts';
import { buildModel, type SiteModel } from '../lib/model.ts';
import { site } from '../lib/site.ts';

let model: Promise<SiteModel> | undefined;

/**
 * Digest introductions are optional, and Astro warns about a collection with no entries, which
 * would tell an editor of a site without any that something is wrong.
 */
function hasDigestIntroductions(): boolean {
  const dir = `${site.contentDir}/digests`;
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.md'));
}

async function load(): Promise<SiteModel> {
  const [articles, topics, entities, digests, authors] = await Promise.all([
    getCollection('articles'),
    getCollection('topics'),
    getCollection('entities'),
    hasDigestIntroductions() ? getCollection('digests') : [],
    existsSync(`${site.contentDir}/authors.yaml`) ? getCollection('authors') : [],
  ]);
  const inputs = articles.map((entry) => ({
    id: entry.id,
    file: entry.filePath ?? `${site.contentDir}/articles/${entry.id}.md`,
    ...entry.data,
    html: entry.rendered?.html ?? '',
  }));
  const introductions = digests.map((entry) => ({
    id: entry.id,
    file: entry.filePath ?? `${site.contentDir}/digests/${entry.id}.md`,
    ready: entry.data.ready,
    html: entry.rendered?.html ?? '',
  }));
  // Without the code's digest a kept result could come from other code: then nothing is kept.
  const code = deriveCodeDigest();
  if (code === null) console.warn('site model: the code deriving article data cannot be read in full, so nothing is kept for the next build (src/lib/code-digest.ts)');
  const store = code === null ? undefined : openDerivedStore(join(buildCacheDir(), 'site-model', 'articles.json'), isKeptArticle);
  try {
    return buildModel(
      inputs,
      topics.map((entry) => ({ slug: entry.id, ...entry.data })),
      entities.map((entry) => ({ slug: entry.id, ...entry.data })),
      introductions,
      authors.map((entry) => ({ id: entry.id, ...entry.data })),
      { keep: store && code !== null ? { store, code } : undefined },
    );
  } finally {
    // Kept when the content has problems too: the build after the fix reuses them.
    store?.save();
  }
}

export function getSiteModel(): Promise<SiteModel> {
  model ??= load();
  return model;
}
