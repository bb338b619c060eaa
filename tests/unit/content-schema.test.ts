/**
 * The content schema decides what malformed content is refused and with which words; these
 * tests ask it (and the model, for what needs all articles or the rendered body) directly,
 * without a build. tests/build/bad-input.test.ts builds a few of the same files end to end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  articleFrontmatter,
  checkArticle,
  ContentProblems,
  decodeUtf8,
  parseEntitiesFile,
  parseTopicsFile,
  readEntitiesFile,
  readTopicsFile,
  splitArticle,
  withFile,
} from '../../src/lib/content-schema.ts';
import { buildModel } from '../../src/lib/model.ts';
import { root } from '../helpers/paths.ts';
import { problemsOf } from '../helpers/problems.ts';

const corpus = join(root, 'tests/bad-input/articles');
const topics = readTopicsFile(join(root, 'content/topics.yaml'));
const entities = readEntitiesFile(join(root, 'content/entities.yaml'));
const known = { topics: topics.map((t) => t.id), entities: entities.map((e) => e.id) };
const topicList = known.topics.join(', ');

/** A corpus file read and checked as the build does, its problems named after the file. */
function checkCorpusFile(name: string): string[] {
  const text = readFileSync(join(corpus, name), 'utf8');
  try {
    return checkArticle(splitArticle(text).data, name, known).problems;
  } catch (error) {
    return [withFile(name, (error as Error).message)];
  }
}

describe('the bad-input articles, checked by the schema', () => {
  const cases: [string, string[]][] = [
    ['missing-title.md', ['missing-title.md: title: is required']],
    ['empty-title.md', ['empty-title.md: title: must not be empty']],
    ['unparsable-date.md', ['unparsable-date.md: date: "next tuesday" is not a real date; write it as YYYY-MM-DD']],
    ['impossible-date.md', ['impossible-date.md: date: "2024-02-30" is not a real date; write it as YYYY-MM-DD']],
    ['unknown-topic.md', [`unknown-topic.md: topics: unknown topic "robotics"; use one of: ${topicList} (or add it to content/topics.yaml)`]],
    ['unknown-entity.md', ['unknown-entity.md: entities.add: unknown entity "acme-corp"; add it to content/entities.yaml or fix the spelling']],
    ['wrong-types.md', ['wrong-types.md: topics: must be a list of topic slugs', 'wrong-types.md: draft: must be true or false']],
    [
      'unknown-field.md',
      ['unknown-field.md: title: is required', 'unknown-field.md: titel: unknown field; the fields are title, date, updated, topics, summary, draft, entities, authors, image'],
    ],
    ['updated-before-date.md', ['updated-before-date.md: updated: 2024-11-01 is before the publication date 2024-11-22']],
    [
      'not-yaml.md',
      ['not-yaml.md:3: the frontmatter cannot be read as YAML: missed comma between flow collection entries'],
    ],
    // Valid frontmatter: what is wrong with these files is outside it (the model, the bytes).
    ['empty-body.md', []],
    ['bom.md', []],
    ['crlf.md', []],
  ];
  for (const [name, problems] of cases) {
    it(`${name}: ${problems.length > 0 ? 'every problem, naming the field' : 'no frontmatter problem'}`, () => {
      expect(checkCorpusFile(name)).toEqual(problems);
    });
  }

  it('tells a file that is not UTF-8 by its bytes', () => {
    expect(decodeUtf8(readFileSync(join(corpus, 'not-utf8.md')))).toBeNull();
    expect(decodeUtf8(readFileSync(join(corpus, 'bom.md')))).toContain('Byte order mark');
  });
});

describe('the bad-input articles, checked by the model', () => {
  const input = (name: string, html: string) => {
    const data = articleFrontmatter.parse(splitArticle(readFileSync(join(corpus, name), 'utf8')).data);
    return { id: name.replace(/\W+/g, '-'), file: name, html, ...data };
  };

  it('refuses an article without text', () => {
    expect(problemsOf(() => buildModel([input('empty-body.md', '')], topics.map(({ id, ...t }) => ({ slug: id, ...t }))))).toEqual([
      'empty-body.md: body: the article has no text; write at least one paragraph',
    ]);
  });

  it('refuses a title already used, however it is capitalised or punctuated', () => {
    const articles = [input('duplicate-title/first.md', '<p>First.</p>'), input('duplicate-title/second.md', '<p>Second.</p>')];
    expect(problemsOf(() => buildModel(articles, topics.map(({ id, ...t }) => ({ slug: id, ...t }))))).toEqual([
      'duplicate-title/second.md: title: "Same Headline Twice!" is already the title of duplicate-title/first.md; titles must be unique',
    ]);
  });
});

describe('articleFrontmatter', () => {
  const good = { title: 'Chips', date: '2024-11-22', topics: ['chips'] };
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['an impossible day', { ...good, date: '2024-02-30' }, ['date: "2024-02-30" is not a real date; write it as YYYY-MM-DD']],
    ['a day of a year that is not a leap year', { ...good, date: '2023-02-29' }, ['date: "2023-02-29" is not a real date; write it as YYYY-MM-DD']],
    ['a date another YAML reader turned into a Date', { ...good, date: new Date('2024-03-01') }, ['date: must be a date written as YYYY-MM-DD']],
    ['a date as a number', { ...good, date: 20241122 }, ['date: must be a date written as YYYY-MM-DD']],
    ['no date', { title: 'Chips', topics: ['chips'] }, ['date: is required']],
    ['an impossible update day', { ...good, updated: '2024-11-31' }, ['updated: "2024-11-31" is not a real date; write it as YYYY-MM-DD']],
    ['an update before publication', { ...good, updated: '2024-11-21' }, ['updated: 2024-11-21 is before the publication date 2024-11-22']],
    ['a title that is a number', { ...good, title: 42 }, ['title: must be text']],
    ['no topics', { title: 'Chips', date: '2024-11-22' }, ['topics: is required; name at least one of the topic slugs']],
    ['an empty topic list', { ...good, topics: [] }, ['topics: must name at least one topic']],
    ['a blank topic', { ...good, topics: ['chips', ' '] }, ['topics.1: must not be empty']],
    ['an empty summary', { ...good, summary: '  ' }, ['summary: must not be empty; remove it to derive one']],
    ['draft as text', { ...good, draft: 'no' }, ['draft: must be true or false']],
    ['entities as a list', { ...good, entities: ['nvidia'] }, ['entities: must be a map with add: and/or remove: lists of entity slugs']],
    ['a misspelt entities key', { ...good, entities: { ad: ['nvidia'] } }, ['entities.ad: unknown field']],
    [
      'everything wrong at once',
      { titel: 'Chips', date: '2024-02-30', topics: 'chips', draft: 1 },
      [
        'title: is required',
        'date: "2024-02-30" is not a real date; write it as YYYY-MM-DD',
        'topics: must be a list of topic slugs',
        'draft: must be true or false',
        'titel: unknown field; the fields are title, date, updated, topics, summary, draft, entities, authors, image',
      ],
    ],
  ];
  for (const [name, data, problems] of cases) {
    it(`refuses ${name}`, () => {
      expect(checkArticle(data, 'a.md', known).problems).toEqual(problems.map((problem) => `a.md: ${problem}`));
    });
  }

  it('accepts a leap day and gives calendar days in UTC, slugs in lower case and the defaults', () => {
    const result = checkArticle({ ...good, date: '2024-02-29', updated: '2024-02-29', topics: [' Chips ', 'AI'] }, 'a.md', known);
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual({
      title: 'Chips',
      date: new Date('2024-02-29T00:00:00Z'),
      updated: new Date('2024-02-29T00:00:00Z'),
      topics: ['chips', 'ai'],
      draft: false,
    });
  });

  it('checks topic and entity slugs only against the lists it is given', () => {
    const data = { ...good, topics: ['robotics'], entities: { remove: ['acme'] } };
    expect(checkArticle(data, 'a.md').problems).toEqual([]);
    expect(checkArticle(data, 'a.md', { topics: ['chips'], entities: ['nvidia'] }).problems).toEqual([
      'a.md: topics: unknown topic "robotics"; use one of: chips (or add it to content/topics.yaml)',
      'a.md: entities.remove: unknown entity "acme"; add it to content/entities.yaml or fix the spelling',
    ]);
  });

  it('accepts every article the site ships', () => {
    const dir = join(root, 'content/articles');
    const problems = readdirSync(dir).flatMap((name) => checkArticle(splitArticle(readFileSync(join(dir, name), 'utf8')).data, name, known).problems);
    expect(problems).toEqual([]);
  });
});

describe('splitArticle', () => {
  it('reads dates as the text written, so no reader rolls 2024-02-30 over to 1 March', () => {
    expect(splitArticle('---\ndate: 2024-02-30\n---\nBody.\n').data).toEqual({ date: '2024-02-30' });
  });

  it('reads a byte-order mark and CRLF line ends', () => {
    expect(splitArticle('\uFEFF---\r\ntitle: A\r\n---\r\nBody.\r\n')).toEqual({ data: { title: 'A' }, body: 'Body.\r\n' });
  });

  it('gives no fields for a file without frontmatter or with an empty one', () => {
    expect(splitArticle('Just text.\n')).toEqual({ data: {}, body: 'Just text.\n' });
    expect(splitArticle('---\n---\nBody.\n')).toEqual({ data: {}, body: 'Body.\n' });
  });

  it('names the line of the file for frontmatter that is not YAML or not fields', () => {
    expect(() => splitArticle('---\ntitle: A\ntitle: B\n---\n')).toThrow(/^3: the frontmatter cannot be read as YAML: duplicated mapping key$/);
    expect(() => splitArticle('---\n- a list\n---\n')).toThrow('2: the frontmatter must be fields such as "title: ...", one a line');
  });
});

describe('topics.yaml and entities.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'content-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('lists every problem of a topics file with its line and entry, and keeps the valid entries', () => {
    const file = write(
      'topics.yaml',
      [
        '- id: chips',
        '  name: Chips',
        '  description: Semiconductors.',
        '- id: Space Race',
        '  name:',
        '  descripton: Orbit.',
        '- id: chips',
        '  name: Chips again',
        '  description: Twice.',
        '  keywords: chip',
        '- name: No id',
        '  description: Missing.',
        '',
      ].join('\n'),
    );
    const read = parseTopicsFile(file);
    expect(read.entries).toEqual([{ id: 'chips', name: 'Chips', description: 'Semiconductors.', keywords: [] }]);
    expect(read.ids).toEqual(['chips', 'Space Race', 'chips']);
    expect(read.problems).toEqual([
      `${file}:4: "Space Race": name: is required`,
      `${file}:4: "Space Race": description: is required`,
      `${file}:4: "Space Race": id: must be a slug: lowercase letters, digits and single hyphens`,
      `${file}:4: "Space Race": descripton: unknown field; the fields are name, description, keywords, id`,
      `${file}:7: "chips": id: is already the id of the entry at line 1; ids must be unique`,
      `${file}:7: "chips": keywords: must be a list of words`,
      `${file}:11: entry 4: id: is required`,
    ]);
    expect(() => readTopicsFile(file)).toThrow(ContentProblems);
    expect(() => readTopicsFile(file)).toThrow(/^The content has 7 problems:\n- /);
  });

  it('refuses an entity of an unknown kind, naming the kinds', () => {
    const file = write('entities.yaml', '- id: acme\n  kind: company\n  name: Acme\n');
    expect(parseEntitiesFile(file).problems).toEqual([`${file}:1: "acme": kind: must be one of organisation, person, country`]);
  });

  it('names the line of YAML it cannot read, a file that is not a list, and a missing file', () => {
    expect(parseTopicsFile(write('broken.yaml', '- id: chips\n  name: [Chips\n')).problems).toEqual([
      `${join(dir, 'broken.yaml')}:3: the file cannot be read as YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
    expect(parseTopicsFile(write('map.yaml', 'chips: Chips\n')).problems).toEqual([`${join(dir, 'map.yaml')}: must be a list of entries, each starting with "- id: ..."`]);
    expect(parseTopicsFile(join(dir, 'none.yaml'))).toEqual({ entries: [], ids: null, problems: [`${join(dir, 'none.yaml')}: cannot be read: ENOENT`] });
  });
});
