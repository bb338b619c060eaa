/**
 * The bad-input corpus (tests/bad-input/), built end to end. What each malformed article is
 * refused for is decided by the content schema and the model, and tested there without a build
 * (tests/unit/content-schema.test.ts); here a few real builds show that one run names every
 * problem of every file, that a failed build leaves the previous output folder exactly as it
 * was, and that odd but valid files (BOM, CRLF, a huge article) are rendered and indexed.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDigest } from '../../scripts/import.ts';
import { DigestError } from '../../src/lib/digest.ts';
import { readPagefindPages } from '../../scripts/lib/pagefind-index.ts';
import { readTopicsFile } from '../../src/lib/content-schema.ts';
import { paths, url } from '../../src/lib/urls.ts';
import { readPage } from '../helpers/dist.ts';
import { root } from '../helpers/paths.ts';
import { runBuild, type BuildOutcome } from '../helpers/run-build.ts';

const run = promisify(execFile);
const corpus = join(root, 'tests/bad-input');
const work = mkdtempSync(join(tmpdir(), 'bad-input-'));
const GOOD = 'tiktok-faces-divestment-deadline-in-the-us.md';

interface BuildCase {
  name: string;
  /** Files or folders from tests/bad-input/articles (a folder brings all its files). */
  sources: string[];
  /** Changes to the content folder beyond the copied files. */
  write?: (contentDir: string) => void;
}

const huge = (contentDir: string) => {
  const paragraph = 'Export controls on lithography tools tightened again as officials met. '.repeat(40);
  const body = Array.from({ length: 600 }, (_, i) => (i === 300 ? `${paragraph} The marker word is hugeword.` : paragraph)).join('\n\n');
  writeFileSync(join(contentDir, 'articles/huge-article.md'), `---\ntitle: A very long article\ndate: 2024-11-20\ntopics: [trade]\n---\n\n${body}\n`);
};

const ACME = '- id: acme\n  kind: company\n  name: Acme\n';

const cases: BuildCase[] = [
  {
    name: 'broken files',
    sources: ['impossible-date.md', 'unknown-topic.md', 'not-utf8.md', 'not-yaml.md', 'wrong-types.md', 'unknown-entity.md', 'duplicate-slug'],
    write: (contentDir) => appendFileSync(join(contentDir, 'entities.yaml'), ACME),
  },
  {
    name: 'articles the model refuses',
    sources: ['duplicate-title', 'empty-body.md'],
    // Introductions to weekly digests for a week that does not exist and one with no article.
    write: (contentDir) => {
      mkdirSync(join(contentDir, 'digests'));
      for (const week of ['2021-W53', '2024-W46']) writeFileSync(join(contentDir, 'digests', `${week}.md`), '---\nready: true\n---\n\nA week.\n');
    },
  },
  { name: 'odd but valid files', sources: ['bom.md', 'crlf.md'], write: huge },
];

interface Outcome extends BuildOutcome {
  contentDir: string;
  distDir: string;
}

const outcomes = new Map<string, Outcome>();
const PREVIOUS = 'previous build\n';

async function buildCase(c: BuildCase): Promise<Outcome> {
  const dir = join(work, c.name.replace(/\W+/g, '-'));
  const contentDir = join(dir, 'content');
  const distDir = join(dir, 'dist');
  mkdirSync(join(contentDir, 'articles'), { recursive: true });
  for (const file of ['topics.yaml', 'entities.yaml']) cpSync(join(root, 'content', file), join(contentDir, file));
  cpSync(join(root, 'content/articles', GOOD), join(contentDir, 'articles', GOOD));
  for (const source of c.sources) {
    const from = join(corpus, 'articles', source);
    const files = statSync(from).isDirectory() ? readdirSync(from).map((f) => join(from, f)) : [from];
    for (const file of files) cpSync(file, join(contentDir, 'articles', basename(file)));
  }
  c.write?.(contentDir);
  // A previous deploy, which a failed build must leave alone.
  mkdirSync(distDir, { recursive: true });
  writeFileSync(join(distDir, 'marker.txt'), PREVIOUS);
  return { ...(await runBuild(contentDir, distDir)), contentDir, distDir };
}

beforeAll(async () => {
  // Two builds at a time: one per core.
  const queue = [...cases];
  await Promise.all(
    [0, 1].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) outcomes.set(next.name, await buildCase(next));
    }),
  );
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The build failed, said so once with every expected problem, and left the previous output alone. */
function expectRefused(outcome: Outcome, problems: string[]) {
  expect(outcome.code, outcome.output).toBe(1);
  expect(outcome.output).toContain(`The content has ${problems.length} problems:\n`);
  for (const problem of problems) expect(outcome.output).toContain(`\n- ${problem}\n`);
  expect(outcome.output).toContain('was left as it was');
  expect(readdirSync(outcome.distDir)).toEqual(['marker.txt']);
  expect(readFileSync(join(outcome.distDir, 'marker.txt'), 'utf8')).toBe(PREVIOUS);
  expect(existsSync(outcome.staging), 'the half-built staging folder is removed').toBe(false);
}

describe('bad articles', () => {
  it('names every problem of every file in one run, before anything renders', () => {
    const outcome = outcomes.get('broken files')!;
    const file = (name: string) => relative(root, join(outcome.contentDir, name));
    const article = (name: string) => file(`articles/${name}`);
    const topics = readTopicsFile(join(root, 'content/topics.yaml')).map((topic) => topic.id).join(', ');
    const acmeLine = readFileSync(join(root, 'content/entities.yaml'), 'utf8').split('\n').length;
    expectRefused(outcome, [
      `${file('entities.yaml')}:${acmeLine}: "acme": kind: must be one of organisation, person, country`,
      `${article('chip-story.md')}: gives the same URL ${url(paths.article('chip-story'))} as ${article('Chip-Story.md')}; rename one of the files`,
      `${article('impossible-date.md')}: date: "2024-02-30" is not a real date; write it as YYYY-MM-DD`,
      `${article('not-utf8.md')}: the file is not valid UTF-8; save it as UTF-8 and build again`,
      `${article('not-yaml.md')}:3: the frontmatter cannot be read as YAML: missed comma between flow collection entries`,
      `${article('unknown-entity.md')}: entities.add: unknown entity "acme-corp"; add it to content/entities.yaml or fix the spelling`,
      `${article('unknown-topic.md')}: topics: unknown topic "robotics"; use one of: ${topics} (or add it to content/topics.yaml)`,
      `${article('wrong-types.md')}: topics: must be a list of topic slugs`,
      `${article('wrong-types.md')}: draft: must be true or false`,
    ]);
    // Refused at the schema: no page was rendered, so no later step adds its own complaints.
    expect(outcome.output).not.toMatch(/audit|feed/i);
  });

  it('names every problem the model finds across articles and digest introductions in one run', () => {
    const outcome = outcomes.get('articles the model refuses')!;
    const article = (name: string) => relative(root, join(outcome.contentDir, 'articles', name));
    const digest = (name: string) => relative(root, join(outcome.contentDir, 'digests', name));
    expectRefused(outcome, [
      `${article('second.md')}: title: "Same Headline Twice!" is already the title of ${article('first.md')}; titles must be unique`,
      `${article('empty-body.md')}: body: the article has no text; write at least one paragraph`,
      `${digest('2021-W53.md')}: the file name must be the week it introduces (YYYY-Www, e.g. 2024-W47): 2021-W53 does not exist; 2021 has weeks 01 to 52`,
      `${digest('2024-W46.md')}: 2024-W46 has no published article; an introduction needs a week with articles`,
    ]);
  });

  it('accepts a file with a byte-order mark and renders it', () => {
    const outcome = outcomes.get('odd but valid files')!;
    expect(outcome.code, outcome.output).toBe(0);
    const page = readPage(outcome.distDir, paths.article('bom'));
    expect(page.querySelector('h1')?.textContent).toBe('Byte order mark');
    expect(page.querySelector('.article-body')?.textContent).toContain('bomword');
    expect(readPagefindPages(outcome.distDir).some((p) => p.content.includes('bomword'))).toBe(true);
    expect(existsSync(join(outcome.distDir, 'marker.txt'))).toBe(false);
  });

  it('accepts CRLF line ends and keeps the paragraphs apart', () => {
    const outcome = outcomes.get('odd but valid files')!;
    expect(outcome.code, outcome.output).toBe(0);
    const page = readPage(outcome.distDir, paths.article('crlf'));
    expect(page.querySelector('h1')?.textContent).toBe('Windows line ends');
    expect(page.querySelectorAll('.article-body p').length).toBe(2);
    expect(page.querySelector('.article-body')?.innerHTML).not.toContain('\r');
  });

  it('accepts a huge article, renders all of it and indexes it', () => {
    const outcome = outcomes.get('odd but valid files')!;
    expect(outcome.code, outcome.output).toBe(0);
    const page = readPage(outcome.distDir, paths.article('huge-article'));
    expect(page.querySelectorAll('.article-body p').length).toBe(600);
    expect(page.querySelector('.article-body')?.textContent).toContain('hugeword');
    expect(readPagefindPages(outcome.distDir).map((p) => p.url)).toContain(url(paths.article('huge-article')));
  });
});

describe('bad digests', () => {
  const out = join(work, 'imported');
  function importCase(file: string) {
    const log: string[] = [];
    const outDir = join(out, file);
    try {
      importDigest({
        inputs: [join(corpus, 'digests', file)],
        date: '2024-11-22',
        out: outDir,
        topicsFile: join(root, 'content/topics.yaml'),
        entitiesFile: join(root, 'content/entities.yaml'),
        force: false,
        dryRun: false,
        log: (line) => log.push(line),
      });
      return { error: undefined, log, written: existsSync(outDir) ? readdirSync(outDir) : [] };
    } catch (error) {
      return { error: error as Error, log, written: existsSync(outDir) ? readdirSync(outDir) : [] };
    }
  }

  const failures: [string, number, RegExp][] = [
    ['no-titles.txt', 1, /no title line found; each article must start with a one-line title/],
    ['title-without-body.txt', 7, /article "Title with nothing under it" has an empty body; add its paragraphs below the title or remove the title/],
    ['paragraph-before-title.txt', 1, /missing title: the digest starts with a paragraph; add a one-line title above it/],
    ['not-utf8.txt', 1, /the file is not valid UTF-8; save it as UTF-8 text and import again/],
    ['binary.txt', 1, /this is not a text file/],
    ['empty.txt', 1, /the digest is empty; nothing to import/],
    ['duplicate-titles.txt', 7, /title "Same chip title" gives the same URL as the article at line 1; give one of them a different title/],
  ];
  for (const [file, line, message] of failures) {
    it(`refuses ${file} with file:line and what to do, writing nothing`, () => {
      const result = importCase(file);
      expect(result.error).toBeInstanceOf(DigestError);
      expect(result.error?.message).toMatch(new RegExp(`${file.replace('.', '\\.')}:${line}: `));
      expect(result.error?.message).toMatch(message);
      expect(result.written).toEqual([]);
    });
  }

  it('accepts a digest with a byte-order mark and CRLF line ends', () => {
    const result = importCase('bom-crlf.txt');
    expect(result.error).toBeUndefined();
    expect(result.written).toEqual(['bom-title-on-chipmakers.md']);
    const text = readFileSync(join(out, 'bom-crlf.txt', 'bom-title-on-chipmakers.md'), 'utf8');
    expect(text.startsWith('---\ntitle: BOM title on chipmakers\n')).toBe(true);
    expect(text).not.toContain('\r');
  });

  it('exits non-zero from the command line with the message', async () => {
    const failure: { code?: number; stderr: string } = await run(
      process.execPath,
      ['scripts/import.ts', join(corpus, 'digests/no-titles.txt'), '--date', '2024-11-22', '--dry-run'],
      { cwd: root },
    ).catch((error) => error as { code: number; stderr: string });
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/^import: .*no-titles\.txt:1: no title line found/);
  });
});
