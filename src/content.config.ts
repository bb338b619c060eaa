import { defineCollection } from 'astro:content';
import { articlesLoader, authorsLoader, dataFileLoader, digestsLoader } from './content-loaders.ts';
import { articleFrontmatterWith, authorFields, digestFrontmatter, entityEntry, entityFields, topicEntry, topicFields } from './lib/content-schema.ts';
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

const authors = defineCollection({
  loader: authorsLoader(`${site.contentDir}/authors.yaml`),
  schema: authorFields,
});

const articles = defineCollection({
  loader: articlesLoader(site.contentDir),
  // The loader has checked the frontmatter and the image file; image() makes `src` the file's
  // metadata, which Astro's image service takes.
  schema: ({ image }) => articleFrontmatterWith(image()),
});

/** Editors' introductions to weekly digests: content/digests/<year>-W<week>.md. */
const digests = defineCollection({
  loader: digestsLoader(site.contentDir),
  schema: digestFrontmatter,
});

export const collections = { topics, entities, authors, articles, digests };
