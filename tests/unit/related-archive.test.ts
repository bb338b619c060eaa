import { describe, expect, it } from 'vitest';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';
import { relatedArticles } from '../../src/lib/related.ts';
import { archiveByMonth, monthLabel } from '../../src/lib/archive.ts';
import type { EntityDef } from '../../src/lib/entities.ts';

const topics = [
  { slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] },
  { slug: 'space', name: 'Space', description: 'Space.', keywords: [] },
];
const entities: EntityDef[] = [
  { slug: 'china', kind: 'country', name: 'China', aliases: [] },
  { slug: 'smic', kind: 'organisation', name: 'SMIC', aliases: [] },
  { slug: 'tsmc', kind: 'organisation', name: 'TSMC', aliases: [] },
];

function input(id: string, date: string, text: string, topicSlugs = ['chips']): ArticleInput {
  return { id, file: `${id}.md`, title: `Title ${id}`, date: new Date(`${date}T00:00:00Z`), topics: topicSlugs, html: `<p>${text}</p>` };
}

describe('relatedArticles', () => {
  const inputs = [
    input('a', '2024-01-01', 'China and SMIC and TSMC.'),
    input('b', '2024-01-02', 'China and SMIC.'),
    input('c', '2024-01-03', 'China only.'),
    input('d', '2024-01-04', 'China and TSMC.'),
    input('e', '2024-01-05', 'Nothing shared.', ['space']),
    input('f', '2024-01-06', 'China elsewhere.', ['space']),
  ];
  const model = buildModel(inputs, topics, entities);
  const related = (slug: string) => relatedArticles(model, model.article(slug)!).map((r) => r.article.slug);

  it('ranks by rare shared entities, then topics, then recency, never itself', () => {
    expect(related('a')).toEqual(['d', 'b', 'c', 'f']);
  });
  it('leaves out articles sharing nothing', () => {
    expect(related('e')).toEqual(['f']);
    expect(related('a')).not.toContain('e');
  });
  it('is stable: the same input gives the same list', () => {
    expect(related('b')).toEqual(related('b'));
    const again = buildModel([...inputs].reverse(), topics, entities);
    expect(relatedArticles(again, again.article('b')!).map((r) => r.article.slug)).toEqual(related('b'));
  });
});

describe('neighbours', () => {
  it('links older and newer articles in date order', () => {
    const model = buildModel([input('a', '2024-01-01', 'x'), input('b', '2024-02-01', 'y'), input('c', '2024-03-01', 'z')], topics);
    expect(model.neighbours(model.article('b')!)).toEqual({ older: model.article('a'), newer: model.article('c') });
    expect(model.neighbours(model.article('c')!).newer).toBeUndefined();
  });
});

describe('archiveByMonth', () => {
  it('groups by year and month, newest first, with counts', () => {
    const model = buildModel(
      [input('a', '2023-12-31', 'x'), input('b', '2024-01-01', 'y'), input('c', '2024-01-20', 'z'), input('d', '2024-03-05', 'w')],
      topics,
    );
    const years = archiveByMonth(model.articles);
    expect(years.map((y) => [y.year, y.count])).toEqual([[2024, 3], [2023, 1]]);
    expect(years[0].months.map((m) => [m.month, m.articles.map((a) => a.slug)])).toEqual([[3, ['d']], [1, ['c', 'b']]]);
    expect(monthLabel(1)).toBe('January');
  });
});
