import { describe, expect, it } from 'vitest';
import { buildModel, type Article, type ArticleInput, type SiteModel } from '../../src/lib/model.ts';
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

describe('relatedArticles on a larger archive', () => {
  // The rule, written the plain way: candidates from the lists of entities named by at most 200
  // articles and from 25 neighbours each side in each topic; every shared entity and topic adds
  // its rarity (a topic half as much); best score, then newer, then slug.
  function reference(model: SiteModel, article: Article, limit = 4) {
    const total = model.articles.length;
    const idf = (count: number) => Math.log(1 + total / Math.max(1, count));
    const candidates = new Set<Article>();
    for (const entity of article.entities) {
      const group = model.entity(entity.slug)!;
      if (group.articles.length <= 200) for (const other of group.articles) candidates.add(other);
    }
    for (const topic of article.topics) {
      const list = model.topic(topic.slug)!.articles;
      const at = list.indexOf(article);
      for (const other of list.slice(Math.max(0, at - 25), at + 26)) candidates.add(other);
    }
    candidates.delete(article);
    const scored = [...candidates].map((other) => {
      let score = 0;
      for (const e of other.entities) if (article.entities.includes(e)) score += idf(model.entity(e.slug)!.articles.length);
      for (const t of other.topics) if (article.topics.includes(t)) score += 0.5 * idf(model.topic(t.slug)!.articles.length);
      return { slug: other.slug, score, date: other.date.getTime() };
    });
    return scored
      .filter((each) => each.score > 0)
      .sort((a, b) => b.score - a.score || b.date - a.date || a.slug.localeCompare(b.slug))
      .slice(0, limit)
      .map(({ slug, score }) => [slug, score]);
  }

  it('gives every article the same list as the plain rule, common entities and slugs shared by a topic and an entity included', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const names = ['Chips', 'Alphaco', 'Betacorp', 'Gammatel', 'Deltasat', 'Epsilonai', 'Zetanet', 'Etafab'];
    const manyEntities: EntityDef[] = names.map((name) => ({ slug: name.toLowerCase(), kind: 'organisation', name, aliases: [] }));
    const manyTopics = ['chips', 'space', 'ai', 'trade'].map((slug) => ({ slug, name: slug, description: slug, keywords: [] }));
    const inputs = Array.from({ length: 400 }, (_, i) => {
      // Chips (also a topic's slug) is in most articles, so it is too common to find candidates by.
      const named = names.filter((_, n) => random() < (n === 0 ? 0.7 : 0.15));
      const own = manyTopics.filter(() => random() < 0.4).map((t) => t.slug);
      const day = new Date(Date.UTC(2020, 0, 1 + Math.floor(random() * 60)));
      return { id: `a${i}`, file: `a${i}.md`, title: `Title ${i}`, date: day, topics: own.length ? own : ['trade'], html: `<p>${named.join(' and ')} news.</p>` };
    });
    const big = buildModel(inputs, manyTopics, manyEntities);
    expect(big.entity('chips')!.articles.length).toBeGreaterThan(200);
    for (const article of big.articles) {
      expect(relatedArticles(big, article).map((r) => [r.article.slug, r.score]), article.slug).toEqual(reference(big, article));
    }
    for (const limit of [0, 1, 10]) {
      for (const article of big.articles.slice(0, 50)) {
        expect(relatedArticles(big, article, limit).map((r) => [r.article.slug, r.score]), `${article.slug}, ${limit}`).toEqual(reference(big, article, limit));
      }
    }
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
