import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { site } from './lib/site.ts';
import { articleSlugFromPath } from './lib/slug.ts';

/** A calendar day written as YYYY-MM-DD (or a YAML date); impossible days such as 2024-02-30 are refused. */
const day = z.union([z.date(), z.string()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) ctx.addIssue({ code: 'custom', message: 'is not a valid date' });
    return value;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  if (!date || date.toISOString().slice(0, 10) !== value.trim()) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a real date; write it as YYYY-MM-DD` });
    return z.NEVER;
  }
  return date;
});

const topics = defineCollection({
  loader: file(`${site.contentDir}/topics.yaml`),
  schema: z.object({
    name: z.string().trim().min(1),
    description: z.string().trim().min(1),
    keywords: z.array(z.string().trim().min(1)).default([]),
  }),
});

const entities = defineCollection({
  loader: file(`${site.contentDir}/entities.yaml`),
  schema: z.object({
    kind: z.enum(['organisation', 'person', 'country']),
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    description: z.string().trim().min(1).optional(),
  }),
});

const articles = defineCollection({
  loader: glob({
    base: `${site.contentDir}/articles`,
    pattern: '**/*.md',
    generateId: ({ entry }) => articleSlugFromPath(entry),
    // Pages, feeds and search read the rendered HTML; the Markdown source would only add to the
    // content store every build loads (31 of its 72 MB at 10,000 articles).
    retainBody: false,
  }),
  schema: z.object({
    title: z.string({ error: 'is required' }).trim().min(1, 'must not be empty'),
    date: day,
    updated: day.optional(),
    topics: z
      .array(z.string().trim().toLowerCase().min(1), { error: 'must be a list of topic slugs' })
      .min(1, 'must name at least one topic'),
    summary: z.string().trim().min(1, 'must not be empty; remove it to derive one').optional(),
    draft: z.boolean().default(false),
    entities: z
      .object({
        add: z.array(z.string().trim().toLowerCase().min(1)).default([]),
        remove: z.array(z.string().trim().toLowerCase().min(1)).default([]),
      })
      .strict()
      .optional(),
  }).strict(),
});

export const collections = { topics, entities, articles };
