/**
 * The "nothing lost" audit, run after every build (and on its own with `npm run audit`).
 * It compares dist/ with the files in content/ and lists every published article that is
 * missing from its page, its topic pages, the feed or the search index, and every draft or
 * unknown page that leaked into them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContentArticles, readContentTopics } from './lib/content-files.ts';
import { readPagefindPages } from './lib/pagefind-index.ts';
import { site } from '../src/lib/site.ts';
import { absoluteUrl, paths, url } from '../src/lib/urls.ts';

export interface AuditOptions {
  contentDir: string;
  distDir: string;
}

function hrefsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&')));
}

/** Every index.html under dir (the listing pages of one topic). */
function pagesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name === 'index.html' || name.endsWith('/index.html'))
    .map((name) => join(dir, name));
}

function xmlText(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

export function auditSite({ contentDir, distDir }: AuditOptions): string[] {
  const problems: string[] = [];
  const articles = readContentArticles(contentDir);
  const topics = new Map(readContentTopics(contentDir).map((topic) => [topic.slug, topic]));
  const published = articles.filter((article) => !article.draft);
  const drafts = articles.filter((article) => article.draft);

  // One page per published article, and no other article pages.
  const articleDir = join(distDir, 'articles');
  const built = new Set(existsSync(articleDir) ? readdirSync(articleDir) : []);
  const expected = new Set(published.map((article) => article.slug));
  for (const article of published) {
    if (!existsSync(join(articleDir, article.slug, 'index.html'))) {
      problems.push(`${article.file}: no page at ${paths.article(article.slug)}`);
    }
  }
  for (const slug of built) {
    if (!expected.has(slug)) {
      const draft = drafts.find((article) => article.slug === slug);
      problems.push(draft ? `${draft.file}: draft was published at ${paths.article(slug)}` : `dist: unknown page ${paths.article(slug)} has no source in ${contentDir}/articles`);
    }
  }

  // Each article is linked from its topic pages; drafts from none.
  const topicLinks = new Map<string, Set<string>>();
  for (const slug of topics.keys()) {
    const links = new Set<string>();
    for (const page of pagesUnder(join(distDir, 'topics', slug))) {
      for (const href of hrefsIn(readFileSync(page, 'utf8'))) links.add(href);
    }
    topicLinks.set(slug, links);
  }
  for (const article of published) {
    for (const topic of article.topics) {
      const links = topicLinks.get(topic);
      if (!links) problems.push(`${article.file}: topics: no topic pages for "${topic}"`);
      else if (!links.has(url(paths.article(article.slug)))) problems.push(`${article.file}: not linked from the "${topic}" topic pages`);
    }
  }
  for (const draft of drafts) {
    for (const [topic, links] of topicLinks) {
      if (links.has(url(paths.article(draft.slug)))) problems.push(`${draft.file}: draft is linked from the "${topic}" topic pages`);
    }
  }

  // The site feed has exactly the published articles.
  const feedPath = join(distDir, 'rss.xml');
  if (!existsSync(feedPath)) {
    problems.push(`dist: ${paths.rss()} is missing`);
  } else {
    const feed = readFileSync(feedPath, 'utf8');
    const links = new Set([...feed.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => xmlText(m[1])));
    for (const article of published) {
      if (!links.has(absoluteUrl(paths.article(article.slug)))) problems.push(`${article.file}: missing from ${paths.rss()}`);
    }
    for (const draft of drafts) {
      if (links.has(absoluteUrl(paths.article(draft.slug)))) problems.push(`${draft.file}: draft is in ${paths.rss()}`);
    }
    if (links.size !== published.length) problems.push(`${paths.rss()}: has ${links.size} items for ${published.length} published articles`);
  }

  // The search index holds exactly the published articles.
  let indexed: Set<string>;
  try {
    indexed = new Set(readPagefindPages(distDir).map((page) => page.url));
  } catch (error) {
    problems.push(`dist: the Pagefind index cannot be read: ${(error as Error).message}`);
    indexed = new Set();
  }
  for (const article of published) {
    if (!indexed.has(url(paths.article(article.slug)))) problems.push(`${article.file}: missing from the search index`);
  }
  const articleUrls = new Set(published.map((article) => url(paths.article(article.slug))));
  for (const page of indexed) {
    if (!articleUrls.has(page)) problems.push(`search index: holds ${page}, which is not a published article`);
  }
  return problems;
}

if (import.meta.main) {
  const problems = auditSite({ contentDir: site.contentDir, distDir: process.argv[2] ?? 'dist' });
  if (problems.length > 0) {
    console.error(`audit: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log('audit: every published article is on its page, topic pages, feed and search index; no draft leaked');
  }
}
