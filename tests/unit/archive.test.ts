import { describe, expect, it } from 'vitest';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';
import { archiveByMonth, monthLabel } from '../../src/lib/archive.ts';

const topics = [
  { slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] },
  { slug: 'space', name: 'Space', description: 'Space.', keywords: [] },
];
function input(id: string, date: string, text: string, topicSlugs = ['chips']): ArticleInput {
  return { id, file: `${id}.md`, title: `Title ${id}`, date: new Date(`${date}T00:00:00Z`), topics: topicSlugs, html: `<p>${text}</p>` };
}

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
    expect(years.flatMap((y) => y.months.map((m) => m.label))).toEqual(['March 2024', 'January 2024', 'December 2023']);
    expect(monthLabel(1)).toBe('January');
  });
  it('is held by the model, with every month in one list', () => {
    const model = buildModel([input('a', '2023-12-31', 'x'), input('b', '2024-01-01', 'y'), input('c', '2024-03-05', 'z')], topics);
    expect(model.archive).toEqual(archiveByMonth(model.articles));
    expect(model.archiveMonths.map((m) => m.label)).toEqual(['March 2024', 'January 2024', 'December 2023']);
  });
});
