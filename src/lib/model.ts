/**
 * The article model: built once per build from the content collections, then read by every
 * page, feed and the search index. Sorting, grouping and validation across articles happen
 * here and nowhere else, so no two outputs can disagree about what was published.
 */
import { sanitizeArticleHtml } from './sanitize.ts';
import { summarise } from './summary.ts';
import { countWords, firstParagraph, readingMinutes } from './text.ts';

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
  /** Markdown source of the body. */
  body: string;
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
  summary: string;
  words: number;
  readingMinutes: number;
  /** Sanitised body HTML, the one version pages, feeds and search all use. */
  html: string;
  body: string;
}

export interface TopicGroup extends TopicDef {
  /** Published articles on this topic, newest first. */
  articles: readonly Article[];
}

export interface SiteModel {
  /** Published articles, newest first. */
  articles: readonly Article[];
  /** Every topic in the order of content/topics.yaml, with its articles. */
  topics: readonly TopicGroup[];
  article(slug: string): Article | undefined;
  topic(slug: string): TopicGroup | undefined;
  /** Drafts, kept only so checks can prove they appear nowhere. */
  drafts: readonly string[];
}

export class ContentError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Newest first; ties broken by title, then slug, so the order never depends on file-system order. */
export function byNewest(a: Pick<Article, 'date' | 'title' | 'slug'>, b: Pick<Article, 'date' | 'title' | 'slug'>): number {
  return b.date.getTime() - a.date.getTime() || a.title.localeCompare(b.title, 'en') || a.slug.localeCompare(b.slug);
}

function normaliseTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function buildModel(inputs: readonly ArticleInput[], topicDefs: readonly TopicDef[]): SiteModel {
  const problems: string[] = [];
  const topicBySlug = new Map(topicDefs.map((topic) => [topic.slug, topic]));
  const known = topicDefs.map((topic) => topic.slug).join(', ');
  const titles = new Map<string, string>();
  const articles: Article[] = [];
  const drafts: string[] = [];

  for (const input of inputs) {
    const topics: TopicDef[] = [];
    for (const slug of new Set(input.topics)) {
      const topic = topicBySlug.get(slug);
      if (topic) topics.push(topic);
      else problems.push(`${input.file}: topics: unknown topic "${slug}"; use one of: ${known} (or add it to content/topics.yaml)`);
    }
    const titleKey = normaliseTitle(input.title);
    const sameTitle = titles.get(titleKey);
    if (sameTitle) {
      problems.push(`${input.file}: title: "${input.title}" is already the title of ${sameTitle}; titles must be unique`);
    } else {
      titles.set(titleKey, input.file);
    }
    if (input.updated && input.updated < input.date) {
      problems.push(`${input.file}: updated: ${input.updated.toISOString().slice(0, 10)} is before the publication date`);
    }
    const summary = input.summary?.trim() || summarise(firstParagraph(input.body));
    if (!summary) problems.push(`${input.file}: body: the article has no text; write at least one paragraph`);
    if (input.draft) {
      drafts.push(input.id);
      continue;
    }
    const words = countWords(input.body);
    articles.push({
      slug: input.id,
      file: input.file,
      title: input.title,
      date: input.date,
      updated: input.updated,
      topics,
      summary,
      words,
      readingMinutes: readingMinutes(words),
      html: sanitizeArticleHtml(input.html),
      body: input.body,
    });
  }
  if (problems.length > 0) throw new ContentError(problems);

  articles.sort(byNewest);
  const topics: TopicGroup[] = topicDefs.map((topic) => ({
    ...topic,
    articles: articles.filter((article) => article.topics.some((t) => t.slug === topic.slug)),
  }));
  const articleMap = new Map(articles.map((article) => [article.slug, article]));
  const topicMap = new Map(topics.map((topic) => [topic.slug, topic]));
  return {
    articles,
    topics,
    drafts,
    article: (slug) => articleMap.get(slug),
    topic: (slug) => topicMap.get(slug),
  };
}

/**
 * Other articles on the same topics, for the foot of an article page: for each of its topics,
 * the newest few others, without repeats and never the article itself.
 */
export function moreOnTopics(model: SiteModel, article: Article, perTopic = 3): { topic: TopicDef; articles: Article[] }[] {
  const shown = new Set([article.slug]);
  return article.topics.map((topic) => {
    const picks: Article[] = [];
    for (const other of model.topic(topic.slug)?.articles ?? []) {
      if (picks.length >= perTopic) break;
      if (shown.has(other.slug)) continue;
      shown.add(other.slug);
      picks.push(other);
    }
    return { topic, articles: picks };
  }).filter((group) => group.articles.length > 0);
}
