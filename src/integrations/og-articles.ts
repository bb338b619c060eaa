/**
 * The build's preview images, read from the Markdown files themselves: every published article's
 * without a lead image of its own (its page announces a crop of that instead), with its
 * slug and the image's input (title, first topic's name, date, site name). The integration reads
 * this list at the start of the build, on a worker thread, so the images render while Astro
 * bundles and renders the pages; when the build is done it checks the list against the article
 * pages Astro wrote.
 */
import { readContentTopics, scanContentArticles } from '../lib/content-files.ts';
import { parseIsoDate } from '../lib/dates.ts';
import { ogImageInput, type OgImageInput } from '../lib/og-layout.ts';

export interface OgImageJob {
  slug: string;
  input: OgImageInput;
}

export interface OgImageList {
  jobs: OgImageJob[];
  /** Published articles with a lead image of their own, which their pages announce instead of a card. */
  leadImaged: string[];
  /** What the reader found wrong with content/; the build fails on these and names them. */
  problems: string[];
}

/**
 * Articles whose frontmatter cannot be read, or whose date is not a real date, are left out: they
 * are among the problems, which Astro or the build's audit report before the build fails.
 */
export function readOgImageJobs(contentDir: string, siteName?: string): OgImageList {
  const topicNames = new Map(readContentTopics(contentDir).map((topic) => [topic.slug, topic.name]));
  const scan = scanContentArticles(contentDir);
  const leadImaged: string[] = [];
  const jobs = scan.articles.flatMap((article): OgImageJob[] => {
    const date = parseIsoDate(article.date);
    if (article.draft || !date) return [];
    if (article.image) {
      leadImaged.push(article.slug);
      return [];
    }
    // The site model keeps the first mention of each known topic, in frontmatter order.
    const topics = [...new Set(article.topics)].flatMap((slug) => (topicNames.has(slug) ? [{ name: topicNames.get(slug)! }] : []));
    return [{ slug: article.slug, input: ogImageInput({ title: article.title, date, topics }, siteName) }];
  });
  return { jobs, leadImaged, problems: scan.problems };
}
