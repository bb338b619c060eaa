/**
 * The benchmark's corpus generator (bench/generate-corpus.ts): deterministic from its seed,
 * 300–600 words an article, valid topics, unique titles, and never writing into content/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, type Corpus } from '../../bench/generate-corpus.ts';
import { readFrontmatter } from '../../src/lib/content-files.ts';
import { checkArticle, readTopicsFile } from '../../src/lib/content-schema.ts';
import { articleSlugFromPath } from '../../src/lib/slug.ts';
import { root } from '../helpers/paths.ts';

const N = 60;
const topicIds = readTopicsFile(join(root, 'content', 'topics.yaml')).map((topic) => topic.id);

function readAll(dir: string): Map<string, string> {
  const files = readdirSync(join(dir, 'articles')).sort();
  return new Map(files.map((name) => [name, readFileSync(join(dir, 'articles', name), 'utf8')]));
}

function body(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, '');
}

describe('generateCorpus', () => {
  let work: string;
  let first: Corpus;
  let second: Corpus;
  let files: Map<string, string>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'corpus-test-'));
    first = generateCorpus({ n: N, seed: 7, outDir: join(work, 'a') });
    second = generateCorpus({ n: N, seed: 7, outDir: join(work, 'b') });
    files = readAll(join(work, 'a'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the same files for the same seed', () => {
    expect(files.size).toBe(N);
    expect([...readAll(join(work, 'b'))]).toEqual([...files]);
    expect(second.articles).toEqual(first.articles);
  });

  it('writes different articles for another seed', () => {
    const other = generateCorpus({ n: N, seed: 8, outDir: join(work, 'c') });
    expect(other.articles.map((a) => a.title)).not.toEqual(first.articles.map((a) => a.title));
  });

  it('makes a content folder the site can build: topics.yaml beside articles/', () => {
    expect(readFileSync(join(work, 'a', 'topics.yaml'), 'utf8')).toBe(readFileSync(join(root, 'content', 'topics.yaml'), 'utf8'));
  });

  it('gives every article 300 to 600 words', () => {
    for (const [name, text] of files) {
      const words = body(text).split(/\s+/).filter(Boolean).length;
      expect(words, name).toBeGreaterThanOrEqual(300);
      expect(words, name).toBeLessThanOrEqual(600);
      expect(first.articles.find((a) => a.file === `articles/${name}`)?.words, name).toBe(words);
    }
  });

  it('writes frontmatter the content schema accepts, with 1 to 3 different topics from topics.yaml', () => {
    for (const [name, text] of files) {
      const checked = checkArticle(readFrontmatter(text), name, { topics: topicIds });
      expect(checked.problems).toEqual([]);
      const topics = checked.data?.topics ?? [];
      expect(topics.length, name).toBeLessThanOrEqual(3);
      expect(new Set(topics).size, name).toBe(topics.length);
    }
  });

  it('gives unique titles and slugs, and the file name is the slug the site will use', () => {
    const titles = first.articles.map((a) => a.title.toLowerCase());
    expect(new Set(titles).size).toBe(N);
    for (const article of first.articles) expect(articleSlugFromPath(`${article.slug}.md`)).toBe(article.slug);
  });

  it('spreads dates over several years and words over a long-tailed vocabulary', () => {
    const years = new Set(first.articles.map((a) => a.date.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(5);
    const counts = new Map<string, number>();
    for (const text of files.values()) {
      for (const word of body(text).toLowerCase().match(/[\p{L}’]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const ranked = [...counts.values()].sort((a, b) => b - a);
    // Zipf-like: the commonest word is far more frequent than the 100th, and most words are rare.
    expect(ranked[0]).toBeGreaterThan(10 * ranked[99]);
    expect(ranked.filter((c) => c === 1).length).toBeGreaterThan(counts.size / 3);
  });

  it('mentions entities from entities.yaml, by name or alias, when the content folder has one', () => {
    const content = join(work, 'with-entities');
    mkdirSync(content);
    cpSync(join(root, 'content', 'topics.yaml'), join(content, 'topics.yaml'));
    cpSync(join(root, 'content', 'articles'), join(content, 'articles'), { recursive: true });
    writeFileSync(join(content, 'entities.yaml'), '- id: zorblax\n  kind: organisation\n  name: Zorblax Corp\n  aliases: [Zorblax]\n- id: quindle\n  kind: person\n  name: Quindle\n');
    const corpus = generateCorpus({ n: 40, seed: 3, outDir: join(work, 'e'), contentDir: content });
    const mentioning = corpus.articles.filter((a) => a.entities.length > 0);
    expect(mentioning.length).toBeGreaterThan(10);
    for (const article of mentioning) {
      const text = readFileSync(join(work, 'e', article.file), 'utf8');
      for (const name of article.entities) {
        const forms = name === 'Zorblax Corp' ? ['Zorblax'] : [name];
        expect(forms.some((form) => text.includes(form)), `${article.file}: ${name}`).toBe(true);
      }
    }
    expect(readFileSync(join(work, 'e', 'entities.yaml'), 'utf8')).toContain('Zorblax Corp');
  });

  it('refuses to write into content/', () => {
    expect(() => generateCorpus({ n: 1, seed: 1, outDir: join(root, 'content') })).toThrow(/content/);
    expect(() => generateCorpus({ n: 1, seed: 1, outDir: join(root, 'content', 'articles', 'x') })).toThrow(/content/);
  });

  it('refuses a folder that already holds articles unless forced', () => {
    expect(() => generateCorpus({ n: 5, seed: 7, outDir: join(work, 'a') })).toThrow(/already holds/);
    const forced = generateCorpus({ n: 5, seed: 7, outDir: join(work, 'a'), force: true });
    expect(readdirSync(join(work, 'a', 'articles')).length).toBe(forced.articles.length);
  });
});
