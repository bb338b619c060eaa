/**
 * Reads content/ straight from disk, without Astro, so the audit and the tests check the
 * built site against the source files rather than against the site's own model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { articleSlugFromPath } from '../../src/lib/slug.ts';
import { parseIsoDate } from '../../src/lib/dates.ts';
import { url, paths } from '../../src/lib/urls.ts';

export interface ContentArticle {
  file: string;
  slug: string;
  title: string;
  /** Publication day as written, YYYY-MM-DD. */
  date: string;
  updated?: string;
  topics: string[];
  draft: boolean;
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

/** Frontmatter of a Markdown file: the YAML between the opening and closing --- lines. */
export function readFrontmatter(text: string): Record<string, unknown> {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return {};
  const data: unknown = YAML.parse(match[1]);
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

function day(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '').trim();
}

export function readContentTopics(contentDir: string): ContentTopic[] {
  const data: unknown = YAML.parse(readFileSync(join(contentDir, 'topics.yaml'), 'utf8'));
  return (Array.isArray(data) ? data : []).map((topic) => ({ slug: String(topic.id), name: String(topic.name) }));
}

/** The articles of contentDir, and the problems only a reading of the files themselves shows. */
export interface ContentScan {
  articles: ContentArticle[];
  problems: string[];
}

/**
 * Reads every article once. Problems are the ones Astro lets through because its YAML and file
 * readers are lenient: a file that is not UTF-8 (read with replacement characters), an
 * impossible date such as 2024-02-30 (rolled over to 1 March), and two files whose names give
 * the same URL (one would silently replace the other). It runs beside Astro, before Astro has
 * checked anything, and its YAML reader is not Astro's: frontmatter it cannot read is a problem
 * naming the file, and that article is left out of the list.
 */
export function scanContentArticles(contentDir: string): ContentScan {
  const dir = join(contentDir, 'articles');
  const problems: string[] = [];
  const bySlug = new Map<string, string>();
  const articles = markdownFiles(dir).flatMap((name): ContentArticle[] => {
    const file = relative(process.cwd(), join(dir, name));
    const bytes = readFileSync(join(dir, name));
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      problems.push(`${file}: the file is not valid UTF-8; save it as UTF-8 and build again`);
      text = bytes.toString('utf8');
    }
    const slug = articleSlugFromPath(name);
    const other = bySlug.get(slug);
    if (other) problems.push(`${file}: gives the same URL ${url(paths.article(slug))} as ${other}; rename one of the files`);
    else bySlug.set(slug, file);
    let data: Record<string, unknown>;
    try {
      data = readFrontmatter(text);
    } catch (error) {
      problems.push(`${file}: the frontmatter cannot be read as YAML: ${(error as Error).message.split('\n')[0]}`);
      return [];
    }
    for (const field of ['date', 'updated'] as const) {
      const value = data[field];
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) && !parseIsoDate(value)) {
        problems.push(`${file}: ${field}: "${value}" is not a real date; write it as YYYY-MM-DD`);
      }
    }
    return [
      {
        file,
        slug,
        title: String(data.title ?? '').trim(),
        date: day(data.date),
        updated: data.updated === undefined ? undefined : day(data.updated),
        topics: Array.isArray(data.topics) ? data.topics.map((t) => String(t).trim().toLowerCase()) : [],
        draft: data.draft === true,
      },
    ];
  });
  return { articles, problems };
}

export function readContentArticles(contentDir: string): ContentArticle[] {
  return scanContentArticles(contentDir).articles;
}
