/**
 * Loads the content collections once per build and turns them into the site model.
 * Every route calls getSiteModel(); the promise is shared, so the collections are read,
 * validated and sorted once per build, not once for each page rendered.
 */
import { existsSync, readdirSync } from 'node:fs';
import { getCollection } from 'astro:content';
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
  return buildModel(
    articles.map((entry) => ({
      id: entry.id,
      file: entry.filePath ?? `${site.contentDir}/articles/${entry.id}.md`,
      ...entry.data,
      html: entry.rendered?.html ?? '',
    })),
    topics.map((entry) => ({ slug: entry.id, ...entry.data })),
    entities.map((entry) => ({ slug: entry.id, ...entry.data })),
    digests.map((entry) => ({
      id: entry.id,
      file: entry.filePath ?? `${site.contentDir}/digests/${entry.id}.md`,
      ready: entry.data.ready,
      html: entry.rendered?.html ?? '',
    })),
    authors.map((entry) => ({ id: entry.id, ...entry.data })),
  );
}

export function getSiteModel(): Promise<SiteModel> {
  model ??= load();
  return model;
}
