/**
 * The changes the publish scenario makes to a content folder, one at a time, as an editor would:
 * a new article with the newest date, an edit of one article's body, one article removed, one
 * topic's display name changed in topics.yaml. Each is drawn from a seed, so the same run makes
 * the same changes.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { Random } from './corpus-random.ts';

export const CHANGE_KINDS = ['add', 'edit', 'remove', 'topic'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What each change is, as the report names it. */
export const CHANGE_NAMES: Record<ChangeKind, string> = {
  add: 'add one new article',
  edit: "edit one article's body",
  remove: 'remove one article',
  topic: "rename a topic (topics.yaml's display name)",
};

const FRONTMATTER = /^---\n([\s\S]*?)\n---\n/;

function frontmatterOf(markdown: string, file: string): { head: string; body: string } {
  const match = FRONTMATTER.exec(markdown);
  if (!match) throw new Error(`${file}: no frontmatter between --- lines`);
  return { head: match[1], body: markdown.slice(match[0].length) };
}

/** The article dated `day` (YYYY-MM-DD), without an `updated` line: a new article has not been updated. */
export function redated(markdown: string, day: string, file = 'article'): string {
  const { head, body } = frontmatterOf(markdown, file);
  const lines = head.split('\n').filter((line) => !line.startsWith('updated:'));
  const at = lines.findIndex((line) => line.startsWith('date:'));
  if (at < 0) throw new Error(`${file}: no date: line in the frontmatter`);
  lines[at] = `date: ${day}`;
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/**
 * The article with one sentence more at the end of its body, made of plain lower-case words its
 * body already uses (no names, so no entity or topic appears or goes): a correction that changes
 * the text and nothing in the frontmatter.
 */
export function editedBody(markdown: string, random: Random, file = 'article'): string {
  const { body } = frontmatterOf(markdown, file);
  const words = [...new Set(body.match(/(?<![\p{L}\p{N}*'’-])[a-z]{3,}(?![\p{L}\p{N}*'’-])/gu) ?? [])];
  if (words.length < 8) throw new Error(`${file}: too few plain words in the body to edit it`);
  const chosen = random.sample(words, random.int(8, 14));
  const sentence = `${chosen[0].charAt(0).toUpperCase()}${chosen[0].slice(1)} ${chosen.slice(1).join(' ')}.`;
  return `${markdown.trimEnd()} ${sentence}\n`;
}

/** topics.yaml's text with topic `id` displayed as `name`, comments and layout kept. */
export function renamedTopic(yamlText: string, id: string, name: string, file = 'topics.yaml'): string {
  const document = parseDocument(yamlText);
  const topics = document.toJS() as { id: string; name: string }[] | null;
  const index = Array.isArray(topics) ? topics.findIndex((topic) => topic?.id === id) : -1;
  if (index < 0) throw new Error(`${file}: no topic with id ${id}`);
  document.setIn([index, 'name'], name);
  return document.toString();
}

export interface Change {
  kind: ChangeKind;
  /** What was done, for the log and the report ("added articles/x.md, dated 2024-12-31"). */
  what: string;
}

/**
 * A content folder an editor changes: the generated corpus, with the articles held back from it
 * (`spare`, generated with it, so written like the rest) to publish one by one.
 */
export class Newsroom {
  private readonly content: string;
  private readonly spareDir: string;
  private readonly random: Random;
  private readonly articles: string[];
  private readonly spare: string[];
  private readonly touched = new Set<string>();
  private readonly newestDay: string;
  private topicRound = 0;

  /**
   * `files`: the corpus's article files (articles/x.md) with their dates; the last `spareCount`
   * are moved out of the content folder into `spareDir`, to be added later.
   */
  constructor(content: string, spareDir: string, files: { file: string; date: string }[], spareCount: number, seed: number) {
    this.content = content;
    this.spareDir = spareDir;
    this.random = new Random(`publish:${seed}`);
    const kept = files.slice(0, files.length - spareCount);
    this.spare = files.slice(files.length - spareCount).map((each) => each.file);
    if (kept.length < 2) throw new Error(`the publish scenario needs at least 2 articles besides the ${spareCount} it adds`);
    mkdirSync(join(spareDir, 'articles'), { recursive: true });
    for (const file of this.spare) renameSync(join(content, file), join(spareDir, file));
    this.articles = kept.map((each) => each.file);
    // The newest day of the corpus: a new article is one more story of that day, in the newest
    // month and year the site already has.
    this.newestDay = kept.map((each) => each.date).sort().at(-1)!;
  }

  apply(kind: ChangeKind): Change {
    switch (kind) {
      case 'add': {
        const file = this.spare.shift();
        if (!file) throw new Error('no spare article left to add');
        writeFileSync(join(this.content, file), redated(readFileSync(join(this.spareDir, file), 'utf8'), this.newestDay, file));
        this.articles.push(file);
        this.touched.add(file);
        return { kind, what: `added ${file}, dated ${this.newestDay}` };
      }
      case 'edit': {
        const file = this.untouched();
        const path = join(this.content, file);
        writeFileSync(path, editedBody(readFileSync(path, 'utf8'), this.random, file));
        return { kind, what: `added a sentence to the body of ${file}` };
      }
      case 'remove': {
        const file = this.untouched();
        rmSync(join(this.content, file));
        this.articles.splice(this.articles.indexOf(file), 1);
        return { kind, what: `removed ${file}` };
      }
      case 'topic': {
        const path = join(this.content, 'topics.yaml');
        const text = readFileSync(path, 'utf8');
        const topics = parseDocument(text).toJS() as { id: string; name: string }[];
        const topic = topics[this.topicRound % topics.length];
        this.topicRound += 1;
        const name = `${topic.name} news`;
        writeFileSync(path, renamedTopic(text, topic.id, name, path));
        return { kind, what: `topic ${topic.id}: "${topic.name}" → "${name}"` };
      }
    }
  }

  /** An article of the corpus no earlier change has touched. */
  private untouched(): string {
    const candidates = this.articles.filter((file) => !this.touched.has(file));
    if (candidates.length === 0) throw new Error('every article has been changed already');
    const file = this.random.pick(candidates);
    this.touched.add(file);
    return file;
  }
}
