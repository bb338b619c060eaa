/**
 * The article model: built once per build from the content collections, then read by every
 * page, feed and the search index. Sorting, grouping and validation across articles happen
 * here and nowhere else, so no two outputs can disagree about what was published.
 */
import { authorGroups, type AuthorDef, type AuthorGroup } from './authors.ts';
import { archiveByMonth, type ArchiveMonth, type ArchiveYear } from './archive.ts';
import { articleDeriver, type ArticleStore } from './article-derive.ts';
import { ContentProblems, referenceProblems } from './content-schema.ts';
import { resolveEntities, type EntityDef } from './entities.ts';
import { groupByKind, type EntityKindGroup } from './entity-groups.ts';
import { relatedIndex, type Related, type RelatedIndex } from './related.ts';
import type { LeadImage } from './lead-image.ts';
import { readingMinutes } from './text.ts';
import { digestWeeks, type DigestWeek, type IntroductionInput } from './weekly-digest.ts';

export interface TopicDef {
  slug: string;
  name: string;
  description: string;
  keywords: readonly string[];
}

/** One article as the content collection hands it over. */
export interface ArticleInput {
  id: string;
  /** Path of the source file, for error messages. */
  file: string;
  title: string;
  date: Date;
  updated?: Date;
  topics: readonly string[];
  summary?: string;
  draft?: boolean;
  /** Frontmatter corrections to the entities found in the text. */
  entities?: { add?: readonly string[]; remove?: readonly string[] };
  /** Ids of the article's authors in authors.yaml; none credits the newsroom. */
  authors?: readonly string[];
  /** The lead image; `src` is the image file's metadata from the content layer. */
  image?: { src: unknown; alt?: string; caption?: string; credit?: string; decorative?: boolean };
  /** Body rendered to HTML by the content layer, before sanitising. */
  html: string;
}

export interface Article {
  slug: string;
  file: string;
  title: string;
  date: Date;
  updated?: Date;
  topics: readonly TopicDef[];
  /** Entities named in the title or body (after frontmatter corrections), in list order. */
  entities: readonly EntityDef[];
  /** The article's authors in byline order; empty for the newsroom. */
  authors: readonly AuthorDef[];
  summary: string;
  words: number;
  readingMinutes: number;
  /** The lead image, with alt "" when it is decorative. */
  image?: LeadImage;
  /** Sanitised body HTML, the one version pages, feeds and search all use. */
  html: string;
}

export interface TopicGroup extends TopicDef {
  /** Published articles on this topic, newest first. */
  articles: readonly Article[];
}

export interface EntityGroup extends EntityDef {
  /** Published articles naming this entity, newest first. */
  articles: readonly Article[];
  /** Topics of those articles, most frequent first. */
  topics: readonly { topic: TopicDef; count: number }[];
}

export interface SiteModel {
  /** Published articles, newest first. */
  articles: readonly Article[];
  /** Every topic in the order of content/topics.yaml, with its articles. */
  topics: readonly TopicGroup[];
  article(slug: string): Article | undefined;
  topic(slug: string): TopicGroup | undefined;
  /** Every entity in the order of content/entities.yaml, with its articles. */
  entities: readonly EntityGroup[];
  entity(slug: string): EntityGroup | undefined;
  /** Every entity, grouped by kind (kinds with no entity left out). */
  entityKinds: readonly EntityKindGroup<EntityGroup>[];
  /** The entities named by at least one article, grouped by kind. */
  namedEntityKinds: readonly EntityKindGroup<EntityGroup>[];
  /** The articles just older and just newer than this one, in date order. */
  neighbours(article: Article): { older?: Article; newer?: Article };
  /** The articles sharing most content with this one, best first (src/lib/related.ts). */
  related(article: Article, wanted: number): Related[];
  /** Published articles by year and month, newest first. */
  archive: readonly ArchiveYear[];
  /** Every month of the archive, newest first. */
  archiveMonths: readonly ArchiveMonth[];
  /** Every author in the order of content/authors.yaml, with their articles. */
  authors: readonly AuthorGroup[];
  author(id: string): AuthorGroup | undefined;
  /** Drafts, kept only so checks can prove they appear nowhere. */
  drafts: readonly string[];
  /** Every ISO week with a published article, newest first (src/lib/weekly-digest.ts). */
  weeks: readonly DigestWeek[];
  /** A week by its key, "2024-W47". */
  week(key: string): DigestWeek | undefined;
}

/** Newest first; ties broken by title, then slug, so the order never depends on file-system order. */
export function byNewest(a: Pick<Article, 'date' | 'title' | 'slug'>, b: Pick<Article, 'date' | 'title' | 'slug'>): number {
  return b.date.getTime() - a.date.getTime() || a.title.localeCompare(b.title, 'en') || a.slug.localeCompare(b.slug);
}

/** When the newest of these articles last changed (its update, else its publication). */
export function lastChanged(articles: readonly Pick<Article, 'date' | 'updated'>[]): Date | undefined {
  let latest: Date | undefined;
  for (const article of articles) {
    const changed = article.updated ?? article.date;
    if (!latest || changed > latest) latest = changed;
  }
  return latest;
}

function normaliseTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface ModelOptions {
  /**
   * Where to keep each article's derived data (HTML, summary, words, entities) for the next build,
   * and the digest of the code computing it (src/lib/article-derive.ts). Without it all is computed.
   */
  keep?: { store: ArticleStore; code: string };
}

export function buildModel(
  inputs: readonly ArticleInput[],
  topicDefs: readonly TopicDef[],
  entityDefs: readonly EntityDef[] = [],
  introductions: readonly IntroductionInput[] = [],
  authorDefs: readonly AuthorDef[] = [],
  options: ModelOptions = {},
): SiteModel {
  const problems: string[] = [];
  const topicBySlug = new Map(topicDefs.map((topic) => [topic.slug, topic]));
  const entityBySlug = new Map(entityDefs.map((entity) => [entity.slug, entity]));
  const deriver = articleDeriver(entityDefs, options.keep);
  const authorById = new Map(authorDefs.map((author) => [author.id, author]));
  const known = { topics: topicDefs.map((topic) => topic.slug), entities: entityDefs.map((entity) => entity.slug), authors: [...authorById.keys()] };
  const titles = new Map<string, string>();
  const articles: Article[] = [];
  const drafts: string[] = [];
  const termsOf = new Map<Article, readonly string[]>();

  for (const input of inputs) {
    // The schema has checked the slugs when Astro loaded the files; data given straight to the
    // model (tests, other loaders) gets the same check and the same words.
    problems.push(...referenceProblems(input, known).map((line) => `${input.file}: ${line}`));
    const topics = [...new Set(input.topics)].map((slug) => topicBySlug.get(slug)).filter((topic): topic is TopicDef => topic !== undefined);
    const titleKey = normaliseTitle(input.title);
    const sameTitle = titles.get(titleKey);
    if (sameTitle) {
      problems.push(`${input.file}: title: "${input.title}" is already the title of ${sameTitle}; titles must be unique`);
    } else {
      titles.set(titleKey, input.file);
    }
    // Exactly the fields the derived data depends on: they make its key when it is kept.
    const { html, summary, words, found, terms } = deriver.derive({ title: input.title, html: input.html, summary: input.summary });
    if (!summary) problems.push(`${input.file}: body: the article has no text; write at least one paragraph`);
    if (input.draft) {
      drafts.push(input.id);
      continue;
    }
    const entities = resolveEntities(found, input.entities?.add, input.entities?.remove)
      .map((slug) => entityBySlug.get(slug))
      .filter((entity): entity is EntityDef => entity !== undefined);
    const article: Article = {
      slug: input.id,
      file: input.file,
      title: input.title,
      date: input.date,
      updated: input.updated,
      topics,
      entities,
      authors: [...new Set(input.authors ?? [])].map((id) => authorById.get(id)).filter((author): author is AuthorDef => author !== undefined),
      summary,
      words,
      readingMinutes: readingMinutes(words),
      image: input.image && {
        src: input.image.src,
        alt: input.image.decorative ? '' : (input.image.alt ?? ''),
        caption: input.image.caption,
        credit: input.image.credit,
      },
      html,
    };
    articles.push(article);
    termsOf.set(article, terms);
  }
  articles.sort(byNewest);
  const digest = digestWeeks(articles, topicDefs, introductions);
  problems.push(...digest.problems);
  if (problems.length > 0) throw new ContentProblems(problems);

  const topics: TopicGroup[] = topicDefs.map((topic) => ({
    ...topic,
    articles: articles.filter((article) => article.topics.some((t) => t.slug === topic.slug)),
  }));
  const byEntity = new Map<string, Article[]>(entityDefs.map((entity) => [entity.slug, []]));
  for (const article of articles) for (const entity of article.entities) byEntity.get(entity.slug)!.push(article);
  const entities: EntityGroup[] = entityDefs.map((entity) => {
    const list = byEntity.get(entity.slug)!;
    const counts = new Map<string, number>();
    for (const article of list) for (const topic of article.topics) counts.set(topic.slug, (counts.get(topic.slug) ?? 0) + 1);
    return {
      ...entity,
      articles: list,
      topics: topicDefs
        .filter((topic) => counts.has(topic.slug))
        .map((topic) => ({ topic, count: counts.get(topic.slug)! }))
        .sort((a, b) => b.count - a.count),
    };
  });
  const articleMap = new Map(articles.map((article) => [article.slug, article]));
  const position = new Map(articles.map((article, index) => [article.slug, index]));
  const topicMap = new Map(topics.map((topic) => [topic.slug, topic]));
  const entityMap = new Map(entities.map((entity) => [entity.slug, entity]));
  const archive = archiveByMonth(articles);
  const weekMap = new Map(digest.weeks.map((week) => [week.key, week]));
  const authors = authorGroups(articles, authorDefs);
  const authorMap = new Map(authors.map((author) => [author.id, author]));
  // Indexed on first use: checks that read the model without rendering pages skip the cost.
  let related: RelatedIndex | undefined;
  return {
    articles,
    topics,
    entities,
    entityKinds: groupByKind(entities),
    namedEntityKinds: groupByKind(entities.filter((entity) => entity.articles.length > 0)),
    authors,
    author: (id) => authorMap.get(id),
    drafts,
    weeks: digest.weeks,
    week: (key) => weekMap.get(key),
    archive,
    archiveMonths: archive.flatMap((year) => year.months),
    related(article, wanted) {
      related ??= relatedIndex(articles, (each) => termsOf.get(each)!);
      return related.related(article, wanted);
    },
    article: (slug) => articleMap.get(slug),
    topic: (slug) => topicMap.get(slug),
    entity: (slug) => entityMap.get(slug),
    neighbours(article) {
      const index = position.get(article.slug);
      if (index === undefined) return {};
      return { newer: articles[index - 1], older: articles[index + 1] };
    },
  };
}
