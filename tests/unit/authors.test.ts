import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDigest } from '../../scripts/import.ts';
import { authorJsonLd, authorListingRoutes, byline, type AuthorDef } from '../../src/lib/authors.ts';
import { checkArticle, ContentProblems, parseAuthorsFile, parseDataFile, authorEntry, readAuthorsFile, splitArticle } from '../../src/lib/content-schema.ts';
import { buildModel, type ArticleInput } from '../../src/lib/model.ts';
import { newsArticleJsonLd } from '../../src/lib/structured-data.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';

const root = new URL('../../', import.meta.url).pathname;
const topics = [{ slug: 'ai', name: 'AI', description: 'AI.', keywords: [] }];
const authors: AuthorDef[] = [
  { id: 'ada', name: 'Ada Byron', role: 'Reporter', bio: 'Writes.', url: 'https://ada.example/', sameAs: ['https://social.example/@ada'] },
  { id: 'bo', name: 'Bo Li', role: 'Editor', bio: 'Edits.', sameAs: [] },
];

function input(id: string, date: string, extra: Partial<ArticleInput> = {}): ArticleInput {
  return { id, file: `content/articles/${id}.md`, title: `Title ${id}`, date: new Date(`${date}T00:00:00Z`), topics: ['ai'], html: `<p>Text of ${id}.</p>`, ...extra };
}

const dirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'authors-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('authors in the content schema', () => {
  it('names an author id the data file does not define, with the file', () => {
    const { problems } = checkArticle({ title: 'T', date: '2024-01-01', topics: ['ai'], authors: ['ada', 'nobody'] }, 'a.md', { authors: ['ada'] });
    expect(problems).toEqual(['a.md: authors: unknown author "nobody"; add them to content/authors.yaml or fix the spelling']);
  });

  it('refuses an empty authors list and a non-list', () => {
    expect(checkArticle({ title: 'T', date: '2024-01-01', topics: ['ai'], authors: [] }, 'a.md').problems).toEqual([
      'a.md: authors: must name at least one author; remove it to credit the newsroom',
    ]);
    expect(checkArticle({ title: 'T', date: '2024-01-01', topics: ['ai'], authors: 'ada' }, 'a.md').problems).toEqual(['a.md: authors: must be a list of author ids']);
  });

  it('reports every problem of authors.yaml with its line and field', () => {
    const source = '- id: ada\n  name: Ada\n  role: Reporter\n  bio: Writes.\n  url: ftp://ada.example\n- id: bo\n  name: Bo\n  bio: Edits.\n  sameAs: [https://ok.example, not a url]\n';
    expect(parseDataFile(source, 'authors.yaml', authorEntry).problems).toEqual([
      'authors.yaml:1: "ada": url: must be an http(s) address',
      'authors.yaml:6: "bo": role: is required',
      'authors.yaml:6: "bo": sameAs.1: must be an http(s) address',
    ]);
  });

  it('writes addresses as a browser sends them', () => {
    const source = '- id: ada\n  name: Ada\n  role: Reporter\n  bio: Writes.\n  sameAs: ["https://x.example/a b?q=<1>"]\n';
    expect(parseDataFile(source, 'authors.yaml', authorEntry).entries[0].sameAs).toEqual(['https://x.example/a%20b?q=%3C1%3E']);
  });

  it('treats a missing authors.yaml as no authors, and throws on a broken one', () => {
    const dir = temp();
    expect(parseAuthorsFile(join(dir, 'authors.yaml'))).toEqual({ entries: [], ids: [], problems: [] });
    writeFileSync(join(dir, 'authors.yaml'), '- id: Not A Slug\n  name: X\n  role: Y\n  bio: Z\n');
    expect(() => readAuthorsFile(join(dir, 'authors.yaml'))).toThrow(ContentProblems);
  });
});

describe('authors in the model', () => {
  const model = buildModel(
    [input('a', '2024-01-03', { authors: ['bo', 'ada'] }), input('b', '2024-01-02', { authors: ['ada'] }), input('c', '2024-01-01')],
    topics,
    [],
    [],
    authors,
  );

  it('gives each article its authors in byline order and each author their articles, newest first', () => {
    expect(model.article('a')!.authors.map((a) => a.id)).toEqual(['bo', 'ada']);
    expect(model.article('c')!.authors).toEqual([]);
    expect(model.author('ada')!.articles.map((a) => a.slug)).toEqual(['a', 'b']);
    expect(model.author('bo')!.articles.map((a) => a.slug)).toEqual(['a']);
  });

  it('fails on an unknown author, naming the file', () => {
    expect(() => buildModel([input('x', '2024-01-01', { authors: ['zed'] })], topics, [], [], authors)).toThrow(ContentProblems);
    try {
      buildModel([input('x', '2024-01-01', { authors: ['zed'] })], topics, [], [], authors);
    } catch (error) {
      expect((error as ContentProblems).problems).toEqual(['content/articles/x.md: authors: unknown author "zed"; add them to content/authors.yaml or fix the spelling']);
    }
  });

  it('cuts an author listing into pages, the first at the author’s own address', () => {
    const many = buildModel(
      Array.from({ length: site.pageSize + 1 }, (_, i) => input(`n${i}`, `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`, { title: `N ${i}`, authors: ['bo'] })),
      topics,
      [],
      [],
      authors,
    );
    const routes = authorListingRoutes(many).filter((route) => route.params.author === 'bo');
    expect(routes.map((route) => route.params.page)).toEqual([undefined, '2']);
    expect(routes.map((route) => route.props.page.items.length)).toEqual([site.pageSize, 1]);
    expect(routes[1].props.title).toBe('Bo Li (page 2)');
  });

  it('writes bylines with the authors’ pages, or the newsroom', () => {
    expect(byline(model.article('a')!)).toEqual({
      authors: [
        { name: 'Bo Li', path: paths.author('bo') },
        { name: 'Ada Byron', path: paths.author('ada') },
      ],
    });
    expect(byline(model.article('c')!).newsroom?.path).toBe(paths.authors());
  });

  it('gives JSON-LD a Person per author, and the newsroom as an Organization', () => {
    expect(newsArticleJsonLd(model.article('a')!).author).toEqual([
      { '@type': 'Person', name: 'Bo Li', url: absoluteUrl(paths.author('bo')), jobTitle: 'Editor' },
      { '@type': 'Person', name: 'Ada Byron', url: absoluteUrl(paths.author('ada')), jobTitle: 'Reporter', sameAs: ['https://ada.example/', 'https://social.example/@ada'] },
    ]);
    expect(authorJsonLd(model.article('c')!)).toEqual([{ '@type': 'Organization', name: site.title, url: absoluteUrl(paths.home()) }]);
  });
});

describe('the importer’s --author', () => {
  const options = (authorsList: string[], out: string) => ({
    inputs: [join(root, 'tests/fixtures/china-tech-digest.txt')],
    date: '2024-11-22',
    out,
    topicsFile: join(root, 'content/topics.yaml'),
    entitiesFile: join(root, 'content/entities.yaml'),
    authors: authorsList,
    force: false,
    dryRun: false,
    log: () => {},
  });

  it('writes the author into every article it imports', () => {
    const out = join(temp(), 'articles');
    const { written } = importDigest(options(['mei-lin'], out));
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) expect(splitArticle(readFileSync(file, 'utf8')).data.authors).toEqual(['mei-lin']);
  });

  it('refuses an author authors.yaml does not define, writing nothing', () => {
    const out = join(temp(), 'articles');
    expect(() => importDigest(options(['nobody'], out))).toThrow(/--author: unknown author "nobody"; use one of: mei-lin, daniel-okafor/);
    expect(existsSync(out)).toBe(false);
  });
});
