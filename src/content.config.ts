import { defineCollection } from 'astro:content';
import { articlesLoader, dataFileLoader } from './content-loaders.ts';
import { articleFrontmatter, entityFields, parseEntitiesFile, parseTopicsFile, topicFields } from './lib/content-schema.ts';
import { site } from './lib/site.ts';

// The schemas live in src/lib/content-schema.ts, shared with the audit, the importer and the tests.
const topics = defineCollection({
  loader: dataFileLoader(`${site.contentDir}/topics.yaml`, parseTopicsFile),
  schema: topicFields,
});

const entities = defineCollection({
  loader: dataFileLoader(`${site.contentDir}/entities.yaml`, parseEntitiesFile),
  schema: entityFields,
});

const articles = defineCollection({
  loader: articlesLoader(site.contentDir),
  schema: articleFrontmatter,
});

export const collections = { topics, entities, articles };
