import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleDeriver, deriveArticle, isKeptArticle, sourceKey, type ArticleSource } from '../../src/lib/article-derive.ts';
import { openDerivedStore } from '../../src/lib/derived-store.ts';
import { entityMatcher, type EntityDef } from '../../src/lib/entities.ts';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';

const entities: EntityDef[] = [
  { slug: 'china', kind: 'country', name: 'China', aliases: [] },
  { slug: 'huawei', kind: 'organisation', name: 'Huawei', aliases: [] },
  { slug: 'european-union', kind: 'organisation', name: 'European Union', aliases: ['EU'] },
];
const topics = [{ slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] }];

const source: ArticleSource = {
  title: 'Huawei ships a new phone',
  html: '<p>The phone, made in China, reaches the EU <a href="https://example.com/x">next month</a>.</p><script>alert(1)</script><p>More text.</p>',
};

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'article-derive-'));
  file = join(dir, 'articles.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openDerivedStore(file, isKeptArticle);

/** Derives the article with a store freshly opened on the file, saves it, and says whether the result was kept from before. */
function deriveKept(article: ArticleSource, defs = entities, code = 'code-1'): { derived: ReturnType<typeof deriveArticle>; reused: boolean } {
  const store = open();
  const derived = articleDeriver(defs, { store, code }).derive(article);
  store.save();
  return { derived, reused: store.counts.hits === 1 };
}

describe('an article’s derived data', () => {
  it('is the sanitised HTML, the summary, the word count and the entities named', () => {
    const derived = deriveArticle(source, entityMatcher(entities));
    expect(derived.html).not.toContain('<script>');
    expect(derived.html).toContain('rel="noopener noreferrer"');
    expect(derived.summary).toBe('The phone, made in China, reaches the EU next month.');
    expect(derived.words).toBe(12);
    expect(derived.found).toEqual(['china', 'huawei', 'european-union']);
    expect(derived.terms).toEqual(['huawei', 'ship', 'phone', 'china', 'reach', 'eu', 'next']);
  });

  it('is the same whether computed or kept from the last build', () => {
    const computed = deriveKept(source);
    const kept = deriveKept(source);
    expect(computed.reused).toBe(false);
    expect(kept.reused).toBe(true);
    expect(kept.derived).toEqual(computed.derived);
    expect(kept.derived).toEqual(deriveArticle(source, entityMatcher(entities)));
    // HTML that sanitising leaves as it is is kept as the article's own.
    const plain = { title: 'Plain', html: '<p>Nothing to change here.</p>' };
    deriveKept(plain);
    expect(deriveKept(plain).derived.html).toBe(plain.html);
  });

  it.each([
    ['the title', { ...source, title: 'Huawei ships a phone' }, entities, 'code-1'],
    ['the HTML', { ...source, html: source.html.replace('next month', 'next year') }, entities, 'code-1'],
    ['the frontmatter summary', { ...source, summary: 'A phone.' }, entities, 'code-1'],
    ['an entity’s alias', source, entities.map((e) => (e.slug === 'china' ? { ...e, aliases: ['PRC'] } : e)), 'code-1'],
    ['an entity’s kind', source, entities.map((e) => (e.slug === 'huawei' ? { ...e, kind: 'person' as const } : e)), 'code-1'],
    ['the list of entities', source, entities.slice(0, 2), 'code-1'],
    ['the code', source, entities, 'code-2'],
  ])('is computed again after a change to %s', (_, changed, defs, code) => {
    deriveKept(source);
    expect(deriveKept(source).reused).toBe(true);
    const after = deriveKept(changed, defs, code);
    expect(after.reused).toBe(false);
    expect(after.derived).toEqual(deriveArticle(changed, entityMatcher(defs)));
  });

  it('is computed again when the file is damaged', () => {
    deriveKept(source);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"words":12', '"words":13'));
    const again = deriveKept(source);
    expect(again.reused).toBe(false);
    expect(again.derived.words).toBe(12);
  });
});

describe('the model with kept derived data', () => {
  const inputs: ArticleInput[] = [
    { id: 'a', file: 'a.md', title: 'Huawei ships a new phone', date: new Date('2024-05-01T00:00:00Z'), topics: ['chips'], html: source.html },
    { id: 'b', file: 'b.md', title: 'China and the EU talk chips', date: new Date('2024-05-02T00:00:00Z'), topics: ['chips'], html: '<p>Talks in Brussels.</p>', entities: { remove: ['china'] } },
    { id: 'c', file: 'c.md', title: 'A draft', date: new Date('2024-05-03T00:00:00Z'), topics: ['chips'], draft: true, html: '<p>Draft text.</p>' },
  ];
  const shape = (model: ReturnType<typeof buildModel>) => ({
    articles: model.articles.map(({ slug, html, summary, words, readingMinutes, entities: named }) => ({ slug, html, summary, words, readingMinutes, entities: named.map((e) => e.slug) })),
    related: model.articles.map((article) => model.related(article, 3).map(({ article: other, score }) => [other.slug, score])),
    drafts: model.drafts,
  });

  it('is the model built without them, on the first build and the next, and the next build computes nothing', () => {
    const plain = shape(buildModel(inputs, topics, entities));
    expect(plain.related.flat()).not.toEqual([]);
    const first = open();
    expect(shape(buildModel(inputs, topics, entities, [], [], { keep: { store: first, code: 'c' } }))).toEqual(plain);
    first.save();
    expect(first.counts).toEqual({ hits: 0, misses: 3 });
    const second = open();
    expect(shape(buildModel(inputs, topics, entities, [], [], { keep: { store: second, code: 'c' } }))).toEqual(plain);
    expect(second.counts).toEqual({ hits: 3, misses: 0 });
  });

  it('forgets the results of articles no longer there', () => {
    const first = open();
    buildModel(inputs, topics, entities, [], [], { keep: { store: first, code: 'c' } });
    first.save();
    const fewer = open();
    buildModel(inputs.slice(1), topics, entities, [], [], { keep: { store: fewer, code: 'c' } });
    fewer.save();
    const all = open();
    buildModel(inputs, topics, entities, [], [], { keep: { store: all, code: 'c' } });
    expect(all.counts).toEqual({ hits: 2, misses: 1 });
  });
});

describe('the key of an article’s source', () => {
  it('tells apart sources whose fields run into one another', () => {
    const keys = [
      { title: 'ab', html: 'c' },
      { title: 'a', html: 'bc' },
      { title: 'a', html: 'bc', summary: '' },
      { title: 'a', html: 'bc', summary: 'x' },
    ].map((each) => sourceKey('context', each));
    expect(new Set(keys).size).toBe(keys.length);
    expect(sourceKey('context', { title: 'a', html: 'b' })).toBe(sourceKey('context', { title: 'a', html: 'b', summary: undefined }));
    expect(sourceKey('other', { title: 'a', html: 'b' })).not.toBe(sourceKey('context', { title: 'a', html: 'b' }));
  });
});
