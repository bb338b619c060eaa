import { describe, expect, it } from 'vitest';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';
import { paginate } from '../../src/lib/paginate.ts';
import { summarise } from '../../src/lib/summary.ts';
import { parseIsoDate } from '../../src/lib/dates.ts';
import type { EntityDef } from '../../src/lib/entities.ts';
import { groupByKind } from '../../src/lib/entity-groups.ts';
import { entityListingRoutes, latestArticles, listingTitle, topicListingRoutes } from '../../src/lib/listings.ts';
import { articleHead, articleRoutes } from '../../src/lib/article-view.ts';
import { headTags } from '../../src/lib/head-tags.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';
import { problemsOf } from '../helpers/problems.ts';

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
  it('refuses an empty body', () => {
    expect(problemsOf(() => buildModel([input('a', '2024-01-05', { html: '' })], topics))).toEqual([
      'content/articles/a.md: body: the article has no text; write at least one paragraph',
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

describe('what pages render, worked out from the model', () => {
  const entityDefs: EntityDef[] = [
    { slug: 'huawei', kind: 'organisation', name: 'Huawei', aliases: [] },
    { slug: 'xi-jinping', kind: 'person', name: 'Xi Jinping', aliases: ['Xi'] },
    { slug: 'nobody-named', kind: 'person', name: 'Ada Quill', aliases: [] },
    { slug: 'zte', kind: 'organisation', name: 'ZTE', aliases: [], description: 'Telecoms equipment maker.' },
  ];
  const model = buildModel(
    [
      input('huawei-5g', '2024-02-01', { title: 'Huawei wins 5G contract in Brazil', html: '<p>Huawei beat two rivals; ZTE did not bid.</p>' }),
      input('xi-visit', '2024-02-03', { title: 'Xi visits chip plant', html: '<p>Xi Jinping toured the fab.</p>', topics: ['chips'] }),
      input('plain', '2024-01-15', { title: 'Consultation on AI audits closes', html: '<p>Replies are due by Friday.</p>' }),
    ],
    topics,
    entityDefs,
  );

  it('groups entities by kind, in the order of the kinds, leaving out kinds with none', () => {
    expect(model.entityKinds.map((group) => [group.label, group.entities.map((e) => e.slug)])).toEqual([
      ['Organisations', ['huawei', 'zte']],
      ['People', ['xi-jinping', 'nobody-named']],
    ]);
    expect(model.namedEntityKinds.map((group) => [group.kind, group.entities.map((e) => e.slug)])).toEqual([
      ['organisation', ['huawei', 'zte']],
      ['person', ['xi-jinping']],
    ]);
    expect(groupByKind(entityDefs.filter((e) => e.kind === 'person')).map((g) => g.label)).toEqual(['People']);
  });

  it('makes one route per listing page, the first without a page number', () => {
    const many = buildModel(
      Array.from({ length: 45 }, (_, i) => input(`n${i}`, `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, { title: `Note ${i} on AI rules` })),
      topics,
    );
    const routes = topicListingRoutes(many).filter((route) => route.params.topic === 'ai');
    expect(routes.map((route) => [route.params.page, route.props.title, route.props.page.items.length])).toEqual([
      [undefined, 'AI', 20],
      ['2', 'AI (page 2)', 20],
      ['3', 'AI (page 3)', 5],
    ]);
    expect(topicListingRoutes(many).find((route) => route.params.topic === 'chips')?.props.page.items).toEqual([]);
  });

  it('gives entity pages their kind and a description when the list has none', () => {
    const byEntity = new Map(entityListingRoutes(model).map((route) => [route.params.entity, route.props]));
    expect(byEntity.get('zte')).toMatchObject({ title: 'ZTE', description: 'Telecoms equipment maker.', kind: 'Organisation' });
    expect(byEntity.get('xi-jinping')).toMatchObject({ description: 'Articles naming Xi Jinping.', kind: 'Person' });
    expect(byEntity.get('nobody-named')?.page.items).toEqual([]);
    expect(listingTitle('Huawei', { number: 3 })).toBe('Huawei (page 3)');
  });

  it('shows the latest articles and says when there are older ones', () => {
    expect(latestArticles(model, 2)).toEqual({ articles: model.articles.slice(0, 2), more: true });
    expect(latestArticles(model, 3).more).toBe(false);
  });

  it('gives an article page its head, day, year, related articles and neighbours', () => {
    const route = articleRoutes(model).find((each) => each.params.slug === 'huawei-5g')!;
    const view = { ...route.props, ...articleHead(route.props.article) };
    expect(view.day).toBe('2024-02-01');
    expect(view.year).toBe('2024');
    expect(view.head).toMatchObject({ title: 'Huawei wins 5G contract in Brazil', path: '/articles/huawei-5g/', image: '/og/huawei-5g.png' });
    expect(view.head.article?.topics).toEqual(['AI']);
    expect(JSON.parse(view.head.jsonLd!).headline).toBe('Huawei wins 5G contract in Brazil');
    expect(view.newer?.slug).toBe('xi-visit');
    expect(view.older?.slug).toBe('plain');
    // It shares no entity, word or topic-with-content with the others.
    expect(view.related).toEqual([]);
  });

  it('writes the head: full title, absolute canonical, site feeds before the page’s own', () => {
    const tags = headTags({ title: 'Chips', description: 'x', path: '/topics/chips/', feeds: [{ title: 'Chips feed', path: '/topics/chips/rss.xml', type: 'application/rss+xml' }] });
    expect(tags.title).toBe(`Chips – ${site.title}`);
    expect(tags.canonical).toBe(absoluteUrl('/topics/chips/'));
    expect(tags.feeds.map((feed) => feed.href)).toEqual([absoluteUrl(paths.rss()), absoluteUrl(paths.jsonFeed()), absoluteUrl(paths.digestRss()), absoluteUrl('/topics/chips/rss.xml')]);
    expect(tags.image).toBeUndefined();
    expect(headTags({ title: site.title, description: 'x', path: '/', image: '/og/a.png' })).toMatchObject({ title: site.title, image: absoluteUrl('/og/a.png') });
  });
});
