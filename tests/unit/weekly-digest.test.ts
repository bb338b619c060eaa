import { describe, expect, it } from 'vitest';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';
import { digestEmailHtml, digestEmailText, EMAIL_BYTE_LIMIT, TEXT_WIDTH, wrapText } from '../../src/lib/digest-email.ts';
import { digestFeedEntry } from '../../src/lib/digest-feed.ts';
import { weekDates } from '../../src/lib/weekly-digest.ts';
import { parseIsoDate } from '../../src/lib/dates.ts';
import { checkDigest } from '../../src/lib/content-schema.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';
import { problemsOf } from '../helpers/problems.ts';

const topics = [
  { slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] },
  { slug: 'ai', name: 'AI', description: 'AI.', keywords: [] },
  { slug: 'telecoms', name: 'Telecoms', description: 'Telecoms.', keywords: [] },
];

function input(id: string, date: string, topicSlugs: string[], extra: Partial<ArticleInput> = {}): ArticleInput {
  return {
    id,
    file: `content/articles/${id}.md`,
    title: `Title ${id}`,
    date: parseIsoDate(date)!,
    topics: topicSlugs,
    html: `<p>First paragraph of ${id}.</p>`,
    ...extra,
  };
}

const intro = (id: string, extra: { ready?: boolean; html?: string } = {}) => ({ id, file: `content/digests/${id}.md`, html: '<p>This week.</p>', ...extra });

const inputs = [
  input('a', '2024-11-18', ['telecoms', 'chips']),
  input('b', '2024-11-22', ['chips']),
  input('c', '2024-11-20', ['ai', 'telecoms']),
  input('d', '2024-11-24', ['chips'], { updated: parseIsoDate('2024-11-26')! }),
  input('e', '2024-11-25', ['ai']),
  input('draft', '2024-11-21', ['chips'], { draft: true }),
  input('f', '2024-10-02', ['telecoms']),
];


describe('the digest weeks of the model', () => {
  const model = buildModel(inputs, topics, [], [intro('2024-W47', { html: '<p>Hello <a href="/topics/">topics</a><script>alert(1)</script></p>' })]);
  const w47 = model.week('2024-W47')!;

  it('has one week per ISO week with a published article, newest first, each article in exactly one', () => {
    expect(model.weeks.map((week) => week.key)).toEqual(['2024-W48', '2024-W47', '2024-W40']);
    const listed = model.weeks.flatMap((week) => week.articles.map((article) => article.slug));
    expect(listed.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(model.week('2024-W46')).toBeUndefined();
  });

  it('groups a week by each article’s first topic, topics in their file order, newest first inside', () => {
    expect(w47.topics.map(({ topic, articles }) => [topic.slug, articles.map((article) => article.slug)])).toEqual([
      ['chips', ['d', 'b']],
      ['ai', ['c']],
      ['telecoms', ['a']],
    ]);
  });

  it('writes a lead counting the stories, most frequent topic first', () => {
    expect(w47.lead).toBe('4 stories this week: 2 on chips, 1 on AI and 1 on telecoms.');
    expect(model.week('2024-W40')!.lead).toBe('1 story this week, on telecoms.');
  });

  it('names the week and its days, and links the weeks before and after', () => {
    expect(w47.title).toBe('Week 47, 2024');
    expect(w47.dates).toBe('18–24 November 2024');
    expect(w47.newer?.key).toBe('2024-W48');
    expect(w47.older?.key).toBe('2024-W40');
    expect(model.weeks[0].newer).toBeUndefined();
    expect(weekDates(parseIsoDate('2024-10-28')!, parseIsoDate('2024-11-03')!)).toBe('28 October – 3 November 2024');
    expect(weekDates(parseIsoDate('2024-12-30')!, parseIsoDate('2025-01-05')!)).toBe('30 December 2024 – 5 January 2025');
  });

  it('dates a week by its newest article and its newest update', () => {
    expect(w47.published.toISOString().slice(0, 10)).toBe('2024-11-24');
    expect(w47.updated?.toISOString().slice(0, 10)).toBe('2024-11-26');
  });

  it('counts a week as over once a later article exists; the newest week is not', () => {
    expect(model.weeks.map((week) => [week.key, week.over])).toEqual([
      ['2024-W48', false],
      ['2024-W47', true],
      ['2024-W40', true],
    ]);
    const ready = buildModel(inputs, topics, [], [intro('2024-W48', { ready: true })]);
    expect(ready.week('2024-W48')!.over).toBe(true);
  });

  it('sanitises the introduction as an article body', () => {
    expect(w47.introduction).toBe('<p>Hello <a href="/topics/">topics</a></p>');
    expect(model.week('2024-W40')!.introduction).toBeUndefined();
  });

  it('refuses, naming the file, an introduction to a week that does not exist or has no published article', () => {
    const problems = problemsOf(() => buildModel(inputs, topics, [], [intro('2021-W53'), intro('2024-W46'), intro('2024-w47'), intro('2024-W47')]));
    expect(problems).toEqual([
      'content/digests/2021-W53.md: the file name must be the week it introduces (YYYY-Www, e.g. 2024-W47): 2021-W53 does not exist; 2021 has weeks 01 to 52',
      'content/digests/2024-W46.md: 2024-W46 has no published article; an introduction needs a week with articles',
      'content/digests/2024-w47.md: the file name must be the week it introduces (YYYY-Www, e.g. 2024-W47): "2024-w47" is not a week; write it as YYYY-Www, e.g. 2024-W47',
    ]);
  });

  it('gives the digest feed one entry per week, its content the week’s titles and links', () => {
    const entry = digestFeedEntry(w47);
    expect(entry.url).toBe(absoluteUrl(paths.digestWeek('2024-W47')));
    expect(entry.title).toBe('Week 47, 2024: 18–24 November 2024');
    for (const article of w47.articles) {
      expect(entry.contentHtml).toContain(`<a href="${absoluteUrl(paths.article(article.slug))}">${article.title}</a>`);
    }
    expect(entry.contentHtml).toContain(`<a href="${absoluteUrl('/topics/')}">topics</a>`);
  });
});

describe('the email edition', () => {
  const model = buildModel(inputs, topics, [], [intro('2024-W47', { html: '<p>See <a href="/topics/">the topics</a>.</p><pre><code class="language-js">x</code></pre>' })]);
  const w47 = model.week('2024-W47')!;

  it('is HTML with inline styles only, absolute links, no script or stylesheet', () => {
    const html = digestEmailHtml(w47);
    expect(html).not.toMatch(/<script|<style|<link\b|\sclass=/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(w47.articles.length);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    for (const article of w47.articles) expect(html).toContain(absoluteUrl(paths.article(article.slug)));
    expect(html).toContain(absoluteUrl(paths.digestWeek('2024-W47')));
    expect(html).toContain(absoluteUrl(paths.digestRss()));
  });

  it('stays under the size Gmail clips by dropping summaries from a very large week', () => {
    const summary = 'A long summary of the kind a wire writes. '.repeat(6);
    const many = Array.from({ length: 400 }, (_, n) => input(`big-${n}`, '2024-11-20', ['chips'], { summary }));
    const big = buildModel(many, topics).week('2024-W47')!;
    const html = digestEmailHtml(big);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(EMAIL_BYTE_LIMIT);
    expect(html).not.toContain(summary.trim());
    for (const article of big.articles) expect(html).toContain(absoluteUrl(paths.article(article.slug)));
    expect(digestEmailHtml(w47)).toContain(w47.articles[0].summary);
  });

  it('has a text twin wrapped at 72 columns that writes every link in full', () => {
    const text = digestEmailText(w47);
    for (const line of text.split('\n')) {
      if (line.length > TEXT_WIDTH) expect(line, 'only a URL may be longer than a line').toMatch(/^\(?https?:\/\/\S+$/);
    }
    for (const article of w47.articles) {
      expect(text.split('\n')).toContain(absoluteUrl(paths.article(article.slug)));
      expect(text).toContain(article.title);
    }
    expect(text).toContain(`See the topics (${absoluteUrl('/topics/')}).`);
    expect(text).toContain(absoluteUrl(paths.digestWeek('2024-W47')));
  });

  it('wraps words greedily and puts a word longer than a line on its own', () => {
    const url = `https://example.org/${'x'.repeat(80)}`;
    expect(wrapText(`one two three ${url} four`, 10)).toEqual(['one two', 'three', url, 'four']);
    expect(wrapText('a '.repeat(50), 72).every((line) => line.length <= 72)).toBe(true);
  });
});

describe('an introduction’s frontmatter', () => {
  it('takes ready: true or false and nothing else, naming the file and field', () => {
    expect(checkDigest({ ready: true }, 'content/digests/2024-W47.md')).toEqual({ data: { ready: true }, problems: [] });
    expect(checkDigest({}, 'content/digests/2024-W47.md').data).toEqual({ ready: false });
    expect(checkDigest({ ready: 'yes', title: 'x' }, 'content/digests/2024-W47.md').problems.sort()).toEqual([
      'content/digests/2024-W47.md: ready: must be true or false',
      'content/digests/2024-W47.md: title: unknown field; the fields are ready',
    ]);
  });
});
