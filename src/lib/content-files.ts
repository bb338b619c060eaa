/**
 * Reads content/ straight from disk, without Astro, so the audit and the tests check the
 * built site against the source files rather than against the site's own model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { articleSlugFromPath } from './slug.ts';
import { checkArticle, decodeUtf8, NOT_UTF8, readAuthorsFile, readTopicsFile, sameUrlProblem, splitArticle, withFile } from './content-schema.ts';
import { isoDay } from './dates.ts';

export interface ContentArticle {
  file: string;
  slug: string;
  title: string;
  /** Publication day as written, YYYY-MM-DD. */
  date: string;
  updated?: string;
  topics: string[];
  /** Author ids as written; none for the newsroom's articles. */
  authors: string[];
  draft: boolean;
  /** The lead image as written, when the frontmatter is valid and has one. */
  image?: { src: string; alt?: string; caption?: string; credit?: string; decorative: boolean };
}

export interface ContentTopic {
  slug: string;
  name: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.md$/i.test(name))
    .sort();
}

/** Frontmatter of a Markdown file, read as the build reads it (src/lib/content-schema.ts). */
export function readFrontmatter(text: string): Record<string, unknown> {
  return splitArticle(text).data;
}

/** A field as written, when the schema refuses the article: text stays text, anything else is empty. */
function asWritten(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The topics of contentDir's topics.yaml; throws listing every problem of the file. */
export function readContentTopics(contentDir: string): ContentTopic[] {
  return readTopicsFile(join(contentDir, 'topics.yaml')).map((topic) => ({ slug: topic.id, name: topic.name }));
}

/** The author ids of contentDir's authors.yaml (none without the file); throws listing every problem of the file. */
export function readContentAuthors(contentDir: string): string[] {
  return readAuthorsFile(join(contentDir, 'authors.yaml')).map((author) => author.id);
}

/** The articles of contentDir, and the problems a reading of the files themselves shows. */
export interface ContentScan {
  articles: ContentArticle[];
  problems: string[];
}

/**
 * Reads every article once, with the build's reader and schema (src/lib/content-schema.ts) but
 * not through Astro: a file that is not UTF-8, frontmatter the schema refuses and two files whose
 * names give the same URL are problems naming the file. An article whose frontmatter is not YAML
 * is left out of the list; one the schema refuses is listed with its fields as written, and a
 * valid one with its fields as the schema gives them (title trimmed, topics in lower case).
 */
export function scanContentArticles(contentDir: string): ContentScan {
  const dir = join(contentDir, 'articles');
  const problems: string[] = [];
  const bySlug = new Map<string, string>();
  const articles = markdownFiles(dir).flatMap((name): ContentArticle[] => {
    const file = relative(process.cwd(), join(dir, name));
    const bytes = readFileSync(join(dir, name));
    let text = decodeUtf8(bytes);
    if (text === null) {
      problems.push(`${file}: ${NOT_UTF8}`);
      text = bytes.toString('utf8');
    }
    const slug = articleSlugFromPath(name);
    const other = bySlug.get(slug);
    if (other) problems.push(sameUrlProblem(file, slug, other));
    else bySlug.set(slug, file);
    let data: Record<string, unknown>;
    try {
      data = readFrontmatter(text);
    } catch (error) {
      problems.push(withFile(file, (error as Error).message));
      return [];
    }
    const checked = checkArticle(data, file);
    problems.push(...checked.problems);
    if (checked.data) {
      const valid = checked.data;
      return [{ file, slug, title: valid.title, date: isoDay(valid.date), updated: valid.updated && isoDay(valid.updated), topics: valid.topics, authors: valid.authors ?? [], draft: valid.draft, image: valid.image }];
    }
    return [
      {
        file,
        slug,
        title: asWritten(data.title),
        date: asWritten(data.date),
        updated: data.updated === undefined ? undefined : asWritten(data.updated),
        topics: Array.isArray(data.topics) ? data.topics.map(asWritten) : [],
        authors: Array.isArray(data.authors) ? data.authors.map(asWritten) : [],
        draft: data.draft === true,
      },
    ];
  });
  return { articles, problems };
}

export function readContentArticles(contentDir: string): ContentArticle[] {
  return scanContentArticles(contentDir).articles;
}
