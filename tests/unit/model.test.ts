import { describe, expect, it } from 'vitest';
import { buildModel, ContentError, type ArticleInput } from '../../src/lib/model.ts';
import { paginate } from '../../src/lib/paginate.ts';
import { summarise } from '../../src/lib/summary.ts';
import { parseIsoDate } from '../../src/lib/dates.ts';

const topics = [
  { slug: 'ai', name: 'AI', description: 'AI.', keywords: [] },
  { slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] },
];

function input(id: string, date: string, extra: Partial<ArticleInput> = {}): ArticleInput {
  return {
    id,
    file: `content/articles/${id}.md`,
    title: `Title ${id}`,
    date: new Date(`${date}T00:00:00Z`),
    topics: ['ai'],
    html: `<p>First paragraph of ${id}.</p>`,
    ...extra,
  };
}

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  return [];
}

describe('buildModel', () => {
  it('sorts newest first with a stable tie-break and groups by topic', () => {
    const model = buildModel(
      [input('b', '2024-01-02'), input('a', '2024-01-02'), input('c', '2024-03-01', { topics: ['chips', 'ai'] })],
      topics,
    );
    expect(model.articles.map((a) => a.slug)).toEqual(['c', 'a', 'b']);
    expect(model.topic('chips')?.articles.map((a) => a.slug)).toEqual(['c']);
    expect(model.topic('ai')?.articles.map((a) => a.slug)).toEqual(['c', 'a', 'b']);
  });
  it('derives a summary from the first paragraph when none is given', () => {
    const model = buildModel(
      [input('a', '2024-01-01', { html: '<p><strong>Bold</strong> start of <a href="/x">a link</a> &amp; more.</p>\n<p>More.</p>' })],
      topics,
    );
    expect(model.article('a')?.summary).toBe('Bold start of a link & more.');
  });
  it('keeps drafts out of every list', () => {
    const model = buildModel([input('a', '2024-01-01'), input('d', '2024-02-01', { draft: true })], topics);
    expect(model.articles.map((a) => a.slug)).toEqual(['a']);
    expect(model.topic('ai')?.articles.map((a) => a.slug)).toEqual(['a']);
    expect(model.drafts).toEqual(['d']);
  });
  it('names the file and topic for an unknown topic', () => {
    expect(problemsOf(() => buildModel([input('a', '2024-01-01', { topics: ['ai', 'robots'] })], topics))).toEqual([
      'content/articles/a.md: topics: unknown topic "robots"; use one of: ai, chips (or add it to content/topics.yaml)',
    ]);
  });
  it('refuses two articles with the same title', () => {
    const problems = problemsOf(() =>
      buildModel([input('a', '2024-01-01', { title: 'Same!' }), input('b', '2024-01-02', { title: 'same' })], topics),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/articles\/b\.md: title: "same" is already the title of content\/articles\/a\.md/);
  });
  it('refuses an empty body and an update before publication', () => {
    const problems = problemsOf(() =>
      buildModel(
        [input('a', '2024-01-05', { html: '' }), input('b', '2024-01-05', { updated: new Date('2024-01-01T00:00:00Z') })],
        topics,
      ),
    );
    expect(problems).toEqual([
      'content/articles/a.md: body: the article has no text; write at least one paragraph',
      'content/articles/b.md: updated: 2024-01-01 is before the publication date',
    ]);
  });
});

describe('paginate', () => {
  it('makes pages of the given size and one empty page for no items', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map((p) => p.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((p) => [p.number, p.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(paginate([], 20)).toEqual([{ number: 1, total: 1, items: [] }]);
  });
});

describe('summarise', () => {
  it('keeps short paragraphs whole and cuts long ones at a sentence', () => {
    expect(summarise('Short one.')).toBe('Short one.');
    const long = `${'First sentence is long enough to stand alone as a summary of the story. '.repeat(2)}${'Filler '.repeat(200)}`;
    expect(summarise(long)).toBe('First sentence is long enough to stand alone as a summary of the story. First sentence is long enough to stand alone as a summary of the story.');
  });
  it('cuts at a word with an ellipsis when there is no sentence end', () => {
    const result = summarise('word '.repeat(100));
    expect(result.endsWith('word…')).toBe(true);
    expect(result.length).toBeLessThanOrEqual(220);
  });
});

describe('parseIsoDate', () => {
  it('accepts real days and refuses impossible ones', () => {
    expect(parseIsoDate('2024-11-22')?.toISOString()).toBe('2024-11-22T00:00:00.000Z');
    expect(parseIsoDate('2024-02-30')).toBeNull();
    expect(parseIsoDate('22/11/2024')).toBeNull();
  });
});
