/**
 * The bad-input corpus (tests/bad-input/): every malformed article or digest has one exact
 * outcome. Either it is accepted and rendered correctly (BOM, CRLF, a huge article), or the
 * build or the importer exits non-zero with a message naming the file, the field or line, and
 * what to do; a failed build leaves the previous output folder exactly as it was.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDigest } from '../../scripts/import.ts';
import { DigestError } from '../../src/lib/digest.ts';
import { readPagefindPages } from '../../scripts/lib/pagefind-index.ts';
import { paths, url } from '../../src/lib/urls.ts';
import { readPage } from '../helpers/dist.ts';
import { root } from '../helpers/paths.ts';

const run = promisify(execFile);
const corpus = join(root, 'tests/bad-input');
const work = mkdtempSync(join(tmpdir(), 'bad-input-'));
const GOOD = 'tiktok-faces-divestment-deadline-in-the-us.md';

interface BuildCase {
  name: string;
  /** Files from tests/bad-input/articles (a folder brings all its files). */
  source?: string;
  /** Or files written by the test (too big to commit). */
  write?: (articlesDir: string) => void;
  /** Lines the failure output must contain, in any order; none when the input is accepted. */
  errors?: RegExp[];
}

const huge = (dir: string) => {
  const paragraph = 'Export controls on lithography tools tightened again as officials met. '.repeat(40);
  const body = Array.from({ length: 600 }, (_, i) => (i === 300 ? `${paragraph} The marker word is hugeword.` : paragraph)).join('\n\n');
  writeFileSync(join(dir, 'huge-article.md'), `---\ntitle: A very long article\ndate: 2024-11-20\ntopics: [trade]\n---\n\n${body}\n`);
};

const cases: BuildCase[] = [
  { name: 'missing title', source: 'missing-title.md', errors: [/missing-title\.md: title: is required/] },
  { name: 'empty title', source: 'empty-title.md', errors: [/empty-title\.md: title: must not be empty/] },
  { name: 'unparsable date', source: 'unparsable-date.md', errors: [/unparsable-date\.md: date: "next tuesday" is not a real date; write it as YYYY-MM-DD/] },
  { name: 'impossible date', source: 'impossible-date.md', errors: [/impossible-date\.md: date: "2024-02-30" is not a real date; write it as YYYY-MM-DD/] },
  { name: 'unknown topic', source: 'unknown-topic.md', errors: [/unknown-topic\.md: topics: unknown topic "robotics"; use one of: .*\(or add it to content\/topics\.yaml\)/] },
  { name: 'unknown entity', source: 'unknown-entity.md', errors: [/unknown-entity\.md: entities\.add: unknown entity "acme-corp"; add it to content\/entities\.yaml/] },
  { name: 'empty body', source: 'empty-body.md', errors: [/empty-body\.md: body: the article has no text; write at least one paragraph/] },
  { name: 'frontmatter that is not YAML', source: 'not-yaml.md', errors: [/not-yaml\.md:2: cannot read the frontmatter: /, /fix the frontmatter/] },
  { name: 'wrong types', source: 'wrong-types.md', errors: [/wrong-types\.md: topics: must be a list of topic slugs/, /wrong-types\.md: draft: Expected type `"boolean"`, received `"string"`/] },
  { name: 'misspelt field', source: 'unknown-field.md', errors: [/unknown-field\.md: title: is required/, /unknown-field\.md: \(frontmatter\): Unrecognized key: "titel"/] },
  { name: 'updated before published', source: 'updated-before-date.md', errors: [/updated-before-date\.md: updated: 2024-11-01 is before the publication date/] },
  { name: 'file that is not UTF-8', source: 'not-utf8.md', errors: [/not-utf8\.md: the file is not valid UTF-8; save it as UTF-8 and build again/] },
  { name: 'two articles with the same title', source: 'duplicate-title', errors: [/second\.md: title: "Same Headline Twice!" is already the title of .*first\.md; titles must be unique/] },
  { name: 'two files with the same slug', source: 'duplicate-slug', errors: [/chip-story\.md: gives the same URL \/articles\/chip-story\/ as .*Chip-Story\.md; rename one of the files/] },
  { name: 'byte-order mark', source: 'bom.md' },
  { name: 'CRLF line ends', source: 'crlf.md' },
  { name: 'huge article', write: huge },
];

interface Outcome {
  code: number;
  output: string;
  contentDir: string;
  distDir: string;
  /** The build's staging folder, named after its process id. */
  staging: string;
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
  if (c.source) {
    const from = join(corpus, 'articles', c.source);
    const files = statSync(from).isDirectory() ? readdirSync(from).map((f) => join(from, f)) : [from];
    for (const file of files) cpSync(file, join(contentDir, 'articles', basename(file)));
  }
  c.write?.(join(contentDir, 'articles'));
  // A previous deploy, which a failed build must leave alone.
  mkdirSync(distDir, { recursive: true });
  writeFileSync(join(distDir, 'marker.txt'), PREVIOUS);
  const build = run(process.execPath, ['scripts/build.ts'], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: contentDir, OUT_DIR: distDir, BUILD_LOG_LEVEL: 'silent' },
    maxBuffer: 1 << 26,
  });
  const staging = join(root, '.cache', `staging-${build.child.pid}`);
  try {
    const { stdout, stderr } = await build;
    return { code: 0, output: stdout + stderr, contentDir, distDir, staging };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr, contentDir, distDir, staging };
  }
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

describe('bad articles', () => {
  it('has at least 15 malformed inputs in the corpus', () => {
    const articles = readdirSync(join(corpus, 'articles'));
    const digests = readdirSync(join(corpus, 'digests'));
    expect(articles.length + digests.length).toBeGreaterThanOrEqual(15);
  });

  for (const c of cases.filter((c) => c.errors)) {
    it(`fails the build on ${c.name}, naming the file and field, and keeps the previous output`, () => {
      const outcome = outcomes.get(c.name)!;
      expect(outcome.code, outcome.output).toBe(1);
      for (const line of c.errors!) expect(outcome.output).toMatch(line);
      expect(outcome.output).toContain('was left as it was');
      expect(readdirSync(outcome.distDir)).toEqual(['marker.txt']);
      expect(readFileSync(join(outcome.distDir, 'marker.txt'), 'utf8')).toBe(PREVIOUS);
      expect(existsSync(outcome.staging), 'the half-built staging folder is removed').toBe(false);
      expect(existsSync(`${outcome.staging}-cache`)).toBe(false);
    });
  }

  it('accepts a file with a byte-order mark and renders it', () => {
    const outcome = outcomes.get('byte-order mark')!;
    expect(outcome.code, outcome.output).toBe(0);
    const page = readPage(outcome.distDir, paths.article('bom'));
    expect(page.querySelector('h1')?.textContent).toBe('Byte order mark');
    expect(page.querySelector('.article-body')?.textContent).toContain('bomword');
    expect(readPagefindPages(outcome.distDir).some((p) => p.content.includes('bomword'))).toBe(true);
    expect(existsSync(join(outcome.distDir, 'marker.txt'))).toBe(false);
  });

  it('accepts CRLF line ends and keeps the paragraphs apart', () => {
    const outcome = outcomes.get('CRLF line ends')!;
    expect(outcome.code, outcome.output).toBe(0);
    const page = readPage(outcome.distDir, paths.article('crlf'));
    expect(page.querySelector('h1')?.textContent).toBe('Windows line ends');
    expect(page.querySelectorAll('.article-body p').length).toBe(2);
    expect(page.querySelector('.article-body')?.innerHTML).not.toContain('\r');
  });

  it('accepts a huge article, renders all of it and indexes it', () => {
    const outcome = outcomes.get('huge article')!;
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
    expect(result.written).toEqual(['bom-title-on-chips.md']);
    const text = readFileSync(join(out, 'bom-crlf.txt', 'bom-title-on-chips.md'), 'utf8');
    expect(text.startsWith('---\ntitle: BOM title on chips\n')).toBe(true);
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
