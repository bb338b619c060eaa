import { defineCollection } from 'astro:content';
import { articlesLoader, dataFileLoader } from './content-loaders.ts';
import { articleFrontmatter, entityEntry, entityFields, topicEntry, topicFields } from './lib/content-schema.ts';
import { site } from './lib/site.ts';

// The schemas live in src/lib/content-schema.ts, shared with the audit, the importer and the tests.
const topics = defineCollection({
  loader: dataFileLoader(`${site.contentDir}/topics.yaml`, topicEntry),
  schema: topicFields,
});

const entities = defineCollection({
  loader: dataFileLoader(`${site.contentDir}/entities.yaml`, entityEntry),
  schema: entityFields,
});

const articles = defineCollection({
  loader: articlesLoader(site.contentDir),
  schema: articleFrontmatter,
});

export const collections = { topics, entities, articles };
