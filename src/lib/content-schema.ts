/**
 * The content schema, described once: an article's frontmatter, a topic of topics.yaml, an
 * entity of entities.yaml and an author of authors.yaml. The site's collections (src/content.config.ts), the audit's reader of
 * content/, the importer and the tests all read and check content with this module, so they
 * cannot disagree about what is valid.
 *
 * YAML is read with the YAML 1.2 core schema, which has no timestamps: `date: 2024-02-30` stays
 * the text it is, so the one calendar rule (parseIsoDate) refuses it instead of a YAML reader
 * rolling it over to 1 March. Frontmatter is read with js-yaml (Astro's own reader, and about
 * twenty times faster than `yaml` on an article's frontmatter, which counts at 10,000 articles);
 * the data files with `yaml`, which knows the line of each entry. Problems read
 * `file: field: problem`, or `file:line: entry: field: problem` in the data files, and every
 * problem of an input is listed, not only the first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import jsYaml from 'js-yaml';
import YAML, { isMap, isScalar, isSeq, LineCounter } from 'yaml';
import { parseIsoDate } from './dates.ts';
import { paths, url } from './urls.ts';

/** Every problem found in some content, one `file: field: problem` line each. */
export class ContentProblems extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
    this.name = 'ContentProblems';
    this.problems = problems;
  }
}

const text = (what = 'text') =>
  z.string({ error: (issue) => (issue.input == null ? 'is required' : `must be ${what}`) }).trim().min(1, 'must not be empty');

const slugList = (what: string) =>
  z.array(z.string({ error: `must be a list of ${what}` }).trim().toLowerCase().min(1, 'must not be empty'), {
    error: (issue) => (issue.input === undefined ? `is required; name at least one of the ${what}` : `must be a list of ${what}`),
  });

/** The real-date rule: a calendar day written YYYY-MM-DD that exists (2024-02-29, never 2024-02-30). */
export const calendarDay = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a date written as YYYY-MM-DD') })
  .transform((value, ctx) => {
    const date = parseIsoDate(value);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a real date; write it as YYYY-MM-DD` });
      return z.NEVER;
    }
    return date;
  });

/**
 * An article's lead image. `src` is given by the caller: plain text here (the audit, the importer),
 * Astro's image() helper in the articles collection, which resolves it to the file's metadata.
 */
export function leadImageFields<Src extends z.ZodType>(src: Src) {
  return z
    .strictObject(
      {
        src,
        alt: z.string({ error: 'must be text' }).trim().optional(),
        caption: text().optional(),
        credit: text().optional(),
        decorative: z.boolean({ error: 'must be true or false' }).default(false),
      },
      { error: 'must be a map with src: and alt: (and optionally caption:, credit:, decorative:)' },
    )
    .superRefine((image, ctx) => {
      if (image.decorative && image.alt) {
        ctx.addIssue({ code: 'custom', path: ['alt'], message: 'must be empty ("") when decorative is true' });
      } else if (!image.decorative && image.alt === undefined) {
        ctx.addIssue({ code: 'custom', path: ['alt'], message: 'is required; describe the image, or set decorative: true and alt: ""' });
      } else if (!image.decorative && image.alt === '') {
        ctx.addIssue({ code: 'custom', path: ['alt'], message: 'must not be empty unless decorative is true' });
      }
    });
}

/** A lead image's `src` as written: a path relative to the article's file. */
export const imagePath = text('a path relative to the article, such as ./chart.png or ../images/chart.png').refine(
  (value) => value.startsWith('./') || value.startsWith('../'),
  'must be a path relative to the article, starting with ./ or ../',
);

/** The frontmatter schema with the given lead image `src` schema. */
export function articleFrontmatterWith<Src extends z.ZodType>(imageSrc: Src) {
  return z
    .strictObject({
      title: text(),
      date: calendarDay,
      updated: calendarDay.optional(),
      topics: slugList('topic slugs').min(1, 'must name at least one topic'),
      summary: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty; remove it to derive one').optional(),
      draft: z.boolean({ error: 'must be true or false' }).default(false),
      entities: z
        .strictObject(
          { add: slugList('entity slugs').default([]), remove: slugList('entity slugs').default([]) },
          { error: 'must be a map with add: and/or remove: lists of entity slugs' },
        )
        .optional(),
      authors: slugList('author ids').min(1, 'must name at least one author; remove it to credit the newsroom').optional(),
      image: leadImageFields(imageSrc).optional(),
    })
    .superRefine((article, ctx) => {
      if (article.updated && article.updated < article.date) {
        const day = (date: Date) => date.toISOString().slice(0, 10);
        ctx.addIssue({ code: 'custom', path: ['updated'], message: `${day(article.updated)} is before the publication date ${day(article.date)}` });
      }
    });
}

/** An article's frontmatter, the YAML between the --- lines at the top of its file. */
export const articleFrontmatter = articleFrontmatterWith(imagePath);

export type ArticleFrontmatter = z.output<typeof articleFrontmatter>;

/**
 * The frontmatter of an editor's introduction to a week's digest, content/digests/<year>-W<week>.md
 * (the file's name is the week). `ready: true` puts the week in the digest feeds before it is over.
 */
export const digestFrontmatter = z.strictObject({
  ready: z.boolean({ error: 'must be true or false' }).default(false),
});

export type DigestFrontmatter = z.output<typeof digestFrontmatter>;

/** Checks an introduction's frontmatter: its data when valid, and every problem as `file: field: problem`. */
export function checkDigest(data: unknown, file: string): { data?: DigestFrontmatter; problems: string[] } {
  const result = digestFrontmatter.safeParse(data);
  if (!result.success) return { problems: issueLines(result.error, digestFrontmatter).map((line) => `${file}: ${line}`) };
  return { data: result.data, problems: [] };
}

/** An id in topics.yaml or entities.yaml: what articles write in `topics:` and `entities:`. */
const entryId = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lowercase letters, digits and single hyphens');

const keywordList = z.array(z.string({ error: 'must be a list of words' }).trim().min(1, 'must not be empty'), { error: 'must be a list of words' });

/** A topic as the topics collection holds it (its id is the entry's id). */
export const topicFields = z.object({
  name: text(),
  description: text(),
  keywords: keywordList.default([]),
});

/** An entity as the entities collection holds it (its id is the entry's id). */
export const entityFields = z.object({
  kind: z.enum(['organisation', 'person', 'country'], { error: 'must be one of organisation, person, country' }),
  name: text(),
  aliases: keywordList.default([]),
  description: text().optional(),
});

/** An http(s) address, written as a browser would send it (so "<" or a space in it is escaped). */
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).transform((value) => new URL(value).href);

/** An author as the authors collection holds it (its id is the entry's id). */
export const authorFields = z.object({
  name: text(),
  role: text(),
  bio: text(),
  url: httpUrl.optional(),
  sameAs: z.array(httpUrl, { error: 'must be a list of http(s) addresses' }).default([]),
});

/** One item of topics.yaml, as written. */
export const topicEntry = topicFields.extend({ id: entryId }).strict();
/** One item of entities.yaml, as written. */
export const entityEntry = entityFields.extend({ id: entryId }).strict();

/** One item of authors.yaml, as written. */
export const authorEntry = authorFields.extend({ id: entryId }).strict();

export type TopicEntry = z.output<typeof topicEntry>;
export type AuthorEntry = z.output<typeof authorEntry>;
export type EntityEntry = z.output<typeof entityEntry>;

/** The fields a schema allows, for the message about a misspelt one. */
function fieldNames(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** `field: problem` lines for a failed parse; an unknown field gets the list of allowed ones. */
export function issueLines(error: z.ZodError, schema?: z.ZodType): string[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const allowed = at ? [] : fieldNames(schema ?? z.object({}));
      const hint = allowed.length > 0 ? `; the fields are ${allowed.join(', ')}` : '';
      return issue.keys.map((key) => `${at ? `${at}.` : ''}${key}: unknown field${hint}`);
    }
    return [`${at || '(frontmatter)'}: ${issue.message}`];
  });
}

/** The topic and entity slugs articles may name. */
export interface KnownSlugs {
  topics: readonly string[];
  entities: readonly string[];
  authors: readonly string[];
}

/** `field: problem` lines for topic and entity slugs an article names that the data files do not define. */
export function referenceProblems(
  article: { topics: readonly string[]; entities?: { add?: readonly string[]; remove?: readonly string[] }; authors?: readonly string[] },
  known: Partial<KnownSlugs>,
): string[] {
  const problems: string[] = [];
  if (known.topics) {
    for (const slug of new Set(article.topics)) {
      if (!known.topics.includes(slug)) {
        problems.push(`topics: unknown topic "${slug}"; use one of: ${known.topics.join(', ')} (or add it to content/topics.yaml)`);
      }
    }
  }
  if (known.entities) {
    for (const field of ['add', 'remove'] as const) {
      for (const slug of article.entities?.[field] ?? []) {
        if (!known.entities.includes(slug)) {
          problems.push(`entities.${field}: unknown entity "${slug}"; add it to content/entities.yaml or fix the spelling`);
        }
      }
    }
  }
  if (known.authors) {
    for (const id of new Set(article.authors ?? [])) {
      if (!known.authors.includes(id)) problems.push(`authors: unknown author "${id}"; add them to content/authors.yaml or fix the spelling`);
    }
  }
  return problems;
}

/** Checks one article's frontmatter: its data when valid, and every problem as `file: field: problem`. */
export function checkArticle(
  data: unknown,
  file: string,
  known: Partial<KnownSlugs> = {},
): { data?: ArticleFrontmatter; problems: string[] } {
  const result = articleFrontmatter.safeParse(data);
  if (!result.success) return { problems: issueLines(result.error, articleFrontmatter).map((line) => `${file}: ${line}`) };
  const problems = referenceProblems(result.data, known).map((line) => `${file}: ${line}`);
  return problems.length > 0 ? { problems } : { data: result.data, problems };
}

/** A YAML syntax error as `line: what cannot be read: reason`, the line counted in the whole file. */
function yamlProblem(error: unknown, what: string, firstLine = 1): string {
  const cannot = `${what} cannot be read as YAML`;
  if (error instanceof jsYaml.YAMLException) return `${error.mark.line + firstLine}: ${cannot}: ${error.reason}`;
  if (error instanceof YAML.YAMLError && error.linePos) {
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return `${error.linePos[0].line + firstLine - 1}: ${cannot}: ${reason}`;
  }
  return `${cannot}: ${(error as Error).message.split('\n')[0]}`;
}

/** `file:line: problem` when the problem starts with its line number, else `file: problem`. */
export function withFile(file: string, problem: string): string {
  return /^\d+:/.test(problem) ? `${file}:${problem}` : `${file}: ${problem}`;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n((?:[\s\S]*?\r?\n)?)---[ \t]*(?:\r?\n|$)/;

/**
 * A Markdown file split into its frontmatter (parsed) and body. Frontmatter that is not YAML
 * throws an Error whose message is `line: problem`, to be prefixed with the file's name.
 */
export function splitArticle(source: string): { data: Record<string, unknown>; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) return { data: {}, body: source.replace(/^\uFEFF/, '') };
  const body = source.slice(match[0].length);
  let data: unknown;
  try {
    data = jsYaml.load(match[1], { schema: jsYaml.CORE_SCHEMA });
  } catch (error) {
    // The frontmatter starts on the file's second line.
    throw new Error(yamlProblem(error, 'the frontmatter', 2));
  }
  if (data === null || data === undefined) return { data: {}, body };
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('2: the frontmatter must be fields such as "title: ...", one a line');
  return { data: data as Record<string, unknown>, body };
}

/** The text of a file that is valid UTF-8, or null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export const NOT_UTF8 = 'the file is not valid UTF-8; save it as UTF-8 and build again';

/** The problem of an article file whose name gives the same URL (slug) as another file's. */
export function sameUrlProblem(file: string, slug: string, other: string): string {
  return `${file}: gives the same URL ${url(paths.article(slug))} as ${other}; rename one of the files`;
}

/** What a data file holds when read: its valid entries, the ids of all entries, and its problems. */
export interface DataFile<T> {
  entries: T[];
  /** Ids of every entry that has one, valid or not: what articles may name. Null when the file could not be read. */
  ids: string[] | null;
  problems: string[];
}

/** A data file's text (topics.yaml, entities.yaml) read and checked entry by entry, never throwing. */
export function parseDataFile<S extends z.ZodType>(source: string, file: string, schema: S): DataFile<z.output<S>> {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(source, { lineCounter: lines });
  if (doc.errors.length > 0) {
    return { entries: [], ids: null, problems: doc.errors.map((error) => withFile(file, yamlProblem(error, 'the file'))) };
  }
  if (!isSeq(doc.contents)) {
    return { entries: [], ids: null, problems: [`${file}: must be a list of entries, each starting with "- id: ..."`] };
  }
  const entries: z.output<S>[] = [];
  const ids: string[] = [];
  const problems: string[] = [];
  const firstLine = new Map<string, number>();
  doc.contents.items.forEach((item, index) => {
    const line = item && typeof item === 'object' && 'range' in item && item.range ? lines.linePos(item.range[0]).line : undefined;
    const where = `${file}${line ? `:${line}` : ''}`;
    const idNode = isMap(item) ? item.get('id', true) : undefined;
    const id = isScalar(idNode) && typeof idNode.value === 'string' ? idNode.value : undefined;
    const name = id ? `"${id}"` : `entry ${index + 1}`;
    const result = schema.safeParse(YAML.isNode(item) ? item.toJS(doc) : item);
    if (id) {
      const earlier = firstLine.get(id);
      if (earlier !== undefined) problems.push(`${where}: ${name}: id: is already the id of the entry at line ${earlier}; ids must be unique`);
      else firstLine.set(id, line ?? 0);
      ids.push(id);
    }
    if (result.success) entries.push(result.data);
    else problems.push(...issueLines(result.error, schema).map((problem) => `${where}: ${name}: ${problem}`));
  });
  return { entries, ids, problems };
}

function readDataFile<S extends z.ZodType>(path: string, schema: S): DataFile<z.output<S>> {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    return { entries: [], ids: null, problems: [`${path}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`] };
  }
  return parseDataFile(source, path, schema);
}

/** topics.yaml, read and checked, never throwing: for callers that report its problems with others. */
export const parseTopicsFile = (path: string): DataFile<TopicEntry> => readDataFile(path, topicEntry);
/** entities.yaml, read and checked, never throwing. */
export const parseEntitiesFile = (path: string): DataFile<EntityEntry> => readDataFile(path, entityEntry);

/**
 * authors.yaml, read and checked, never throwing. The file is optional: without it no article
 * names an author, and every one is credited to the newsroom.
 */
export function parseAuthorsFile(path: string): DataFile<AuthorEntry> {
  if (!existsSync(path)) return { entries: [], ids: [], problems: [] };
  return readDataFile(path, authorEntry);
}

function valid<T>(data: DataFile<T>): T[] {
  if (data.problems.length > 0) throw new ContentProblems(data.problems);
  return data.entries;
}

/** The topics of topics.yaml; throws ContentProblems listing every problem of the file. */
export const readTopicsFile = (path: string): TopicEntry[] => valid(parseTopicsFile(path));
/** The entities of entities.yaml; throws ContentProblems listing every problem of the file. */
export const readEntitiesFile = (path: string): EntityEntry[] => valid(parseEntitiesFile(path));
/** The authors of authors.yaml (none when there is no such file); throws ContentProblems listing every problem of the file. */
export const readAuthorsFile = (path: string): AuthorEntry[] => valid(parseAuthorsFile(path));
