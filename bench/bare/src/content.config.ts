/** One collection: the articles in $CONTENT_DIR/articles, with the frontmatter the site uses. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Relative paths resolve against this site's root (bench/bare), so the default is the repo's content/.
const contentDir = (process.env.CONTENT_DIR ?? '../../content').replace(/\/+$/, '');

const articles = defineCollection({
  loader: glob({ base: `${contentDir}/articles`, pattern: '**/*.md' }),
  schema: z.object({
    title: z.string(),
    date: z.coerce.date(),
    updated: z.coerce.date().optional(),
    topics: z.array(z.string()),
    summary: z.string().optional(),
    draft: z.boolean().optional(),
  }),
});

export const collections = { articles };
