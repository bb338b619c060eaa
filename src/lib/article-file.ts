/**
 * Writes an article as a Markdown file with YAML frontmatter, the format content/articles/ holds.
 * remark builds and prints the Markdown, so characters such as * _ [ < in a digest's prose are
 * escaped rather than turned into markup, and the result is parsed back to prove it says the same.
 */
import { remark } from 'remark';
import { toString } from 'mdast-util-to-string';
import type { Root } from 'mdast';
import YAML from 'yaml';

export interface ArticleFile {
  title: string;
  date: string;
  topics: readonly string[];
  /** Author ids; left out of the file when there are none (the newsroom's article). */
  authors?: readonly string[];
  summary: string;
  paragraphs: readonly string[];
}

const processor = remark();

export function paragraphsToMarkdown(paragraphs: readonly string[]): string {
  const tree: Root = {
    type: 'root',
    children: paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', value: text }] })),
  };
  const markdown = processor.stringify(tree);
  const reparsed = processor.parse(markdown);
  const texts = reparsed.children.map((node) => toString(node));
  if (texts.length !== paragraphs.length || texts.some((text, i) => text !== paragraphs[i])) {
    throw new Error('the Markdown written for this article does not read back as the same paragraphs');
  }
  return markdown;
}

export function renderArticleFile(article: ArticleFile): string {
  const frontmatter = YAML.stringify(
    {
      title: article.title,
      date: article.date,
      topics: [...article.topics],
      ...(article.authors && article.authors.length > 0 ? { authors: [...article.authors] } : {}),
      summary: article.summary,
    },
    { lineWidth: 0 },
  ).replace(/^date: "?(\d{4}-\d{2}-\d{2})"?$/m, 'date: $1');
  return `---\n${frontmatter}---\n\n${paragraphsToMarkdown(article.paragraphs)}`;
}
