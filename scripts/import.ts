/**
 * The importer: turns plain-text digests, or folders of one-article files, into Markdown
 * articles in content/articles/.
 *
 *   npm run import -- <digest.txt | folder/>... [--date YYYY-MM-DD] [--topic a,b] [--author id]
 *                     [--allow-short] [--force] [--dry-run] [--out DIR]
 *
 * Every problem of every input is listed ("file:line: problem") and counted, and then nothing is
 * written. It never overwrites an existing article unless --force is given.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeDigest, DigestError, formatProblem, splitDigest, type Problem } from '../src/lib/digest.ts';
import { decodeCharacterReferences } from '../src/lib/char-refs.ts';
import { findDuplicates } from '../src/lib/import-duplicates.ts';
import { dateFromFileName, isArticleFileName } from '../src/lib/import-sources.ts';
import { normaliseTypography } from '../src/lib/typography.ts';
import { slugify } from '../src/lib/slug.ts';
import { assignTopics, scoreTopics, type TopicKeywords } from '../src/lib/topic-assign.ts';
import { summarise } from '../src/lib/summary.ts';
import { renderArticleFile } from '../src/lib/article-file.ts';
import { parseIsoDate } from '../src/lib/dates.ts';
import { entityMatcher, unknownNames, type EntityDef } from '../src/lib/entities.ts';
import { checkArticle, ContentProblems, readAuthorsFile, readEntitiesFile, readTopicsFile, splitArticle } from '../src/lib/content-schema.ts';
import { countOf } from '../src/lib/counts.ts';
import { site } from '../src/lib/site.ts';

const USAGE =
  'usage: npm run import -- <digest.txt | folder/>... [--date YYYY-MM-DD] [--topic a,b] [--author id] [--allow-short] [--force] [--dry-run] [--out DIR] [--topics FILE] [--entities FILE]';

class UsageError extends Error {}

/** The schema's readers of the data files; their problems are the importer's usage errors. */
function readTopics(file: string): TopicKeywords[] {
  try {
    return readTopicsFile(file).map((topic) => ({ slug: topic.id, keywords: topic.keywords }));
  } catch (error) {
    throw error instanceof ContentProblems ? new UsageError(error.message) : error;
  }
}

function readEntities(file: string): EntityDef[] {
  if (!existsSync(file)) return [];
  try {
    return readEntitiesFile(file).map(({ id, ...entity }) => ({ slug: id, ...entity }));
  } catch (error) {
    throw error instanceof ContentProblems ? new UsageError(error.message) : error;
  }
}

export interface ImportOptions {
  /** Digest files and folders of one-article files. */
  inputs: string[];
  /** Publication date for every article; without it, each file's name must start with one. */
  date?: string;
  out: string;
  topicsFile: string;
  entitiesFile: string;
  /** Author ids of content/authors.yaml for every article of the run; none credits the newsroom. */
  authors?: string[];
  /** Where the author ids are defined; authors.yaml beside topicsFile when not given. */
  authorsFile?: string;
  /** Topics for every article of the run, instead of assigning them from keywords. */
  topics?: string[];
  force: boolean;
  dryRun: boolean;
  /** Import suspicious splits (very short articles, title-like lines inside a body) as they are. */
  allowShort?: boolean;
  log: (line: string) => void;
}

export interface ImportResult {
  written: string[];
  skipped: string[];
}

interface Source {
  file: string;
  /** A file of a folder: one article, its first line the title. */
  oneArticle: boolean;
}

/** The files named on the command line, folders opened to their text files. */
function listSources(inputs: readonly string[], problems: Problem[]): Source[] {
  const sources: Source[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      problems.push({ file: input, line: 1, message: 'no such file or folder' });
      continue;
    }
    if (!statSync(input).isDirectory()) {
      sources.push({ file: input, oneArticle: false });
      continue;
    }
    const names = readdirSync(input).filter(isArticleFileName).sort();
    if (names.length === 0) problems.push({ file: input, line: 1, message: 'the folder holds no .txt or .md files' });
    for (const name of names) sources.push({ file: join(input, name), oneArticle: true });
  }
  return sources;
}

interface Prepared {
  file: string;
  line: number;
  date: string;
  slug: string;
  title: string;
  paragraphs: string[];
  topics: string[];
  summary: string;
}

export function importDigest(options: ImportOptions): ImportResult {
  if (options.date !== undefined && !parseIsoDate(options.date)) {
    throw new UsageError(`--date "${options.date}" is not a real calendar date in the form YYYY-MM-DD`);
  }
  const problems: Problem[] = [];
  const suspicions: Problem[] = [];
  const notes: string[] = [];
  const sources = listSources(options.inputs, problems);
  const topics = readTopics(options.topicsFile);
  const known = entityMatcher(readEntities(options.entitiesFile)).terms;

  if (options.topics) {
    const slugs = new Set(topics.map((topic) => topic.slug));
    const unknown = options.topics.filter((topic) => !slugs.has(topic));
    if (options.topics.length === 0 || unknown.length > 0) {
      throw new UsageError(
        `--topic: ${unknown.length > 0 ? `unknown topic ${unknown.map((t) => `"${t}"`).join(', ')}` : 'no topic given'}; use one of: ${[...slugs].join(', ')} (or add it to ${options.topicsFile})`,
      );
    }
  }

  if (options.authors) {
    const authorsFile = options.authorsFile ?? join(dirname(options.topicsFile), 'authors.yaml');
    let ids: string[];
    try {
      ids = readAuthorsFile(authorsFile).map((author) => author.id);
    } catch (error) {
      if (error instanceof ContentProblems) throw new UsageError(error.message);
      throw error;
    }
    const unknown = options.authors.filter((id) => !ids.includes(id));
    if (options.authors.length === 0 || unknown.length > 0) {
      throw new UsageError(
        `--author: ${unknown.length > 0 ? `unknown author ${unknown.map((a) => `"${a}"`).join(', ')}` : 'no author given'}; ${ids.length > 0 ? `use one of: ${ids.join(', ')}` : 'no author is defined yet'} (or add them to ${authorsFile})`,
      );
    }
  }

  // Dates: --date for all, or each file's name.
  const dates = new Map<string, string>();
  const undated: string[] = [];
  for (const source of sources) {
    const fromName = source.oneArticle ? dateFromFileName(basename(source.file)) : undefined;
    const date = options.date ?? fromName;
    if (!date) undated.push(source.file);
    else if (!parseIsoDate(date)) problems.push({ file: source.file, line: 1, message: `the name starts with "${date}", which is not a real calendar date; rename it or give --date` });
    else dates.set(source.file, date);
  }
  for (const file of undated) {
    const why = sources.find((source) => source.file === file)?.oneArticle
      ? 'its name does not start with a date (YYYY-MM-DD-...)'
      : 'a digest has no date of its own';
    problems.push({ file, line: 1, message: `--date is required: ${why}` });
  }

  // Read and split every file; collect every problem before deciding anything.
  const split: { file: string; date: string; articles: ReturnType<typeof splitDigest>['articles'] }[] = [];
  for (const source of sources) {
    let text: string;
    try {
      text = decodeDigest(readFileSync(source.file), source.file);
    } catch (error) {
      if (error instanceof DigestError) {
        problems.push(...error.problems);
        continue;
      }
      throw error;
    }
    const references = decodeCharacterReferences(text);
    if (references.decoded > 0 || references.removed.length > 0) {
      const said: string[] = [];
      if (references.decoded > 0) said.push(`decoded ${countOf(references.decoded, 'HTML character reference', 'HTML character references')}`);
      if (references.removed.length > 0) {
        said.push(`removed ${countOf(references.removed.length, 'reference', 'references')} to control characters (${[...new Set(references.removed)].join(' ')})`);
      }
      notes.push(`${source.file}: ${said.join('; ')}`);
    }
    for (const reference of references.invalid) {
      const line = text.slice(0, text.indexOf(reference)).split('\n').length;
      problems.push({ file: source.file, line, message: `${reference} is not a character; replace it with the character meant` });
    }
    const result = splitDigest(references.text, source.file, { oneArticle: source.oneArticle });
    problems.push(...result.problems);
    suspicions.push(...result.suspicions);
    split.push({ file: source.file, date: dates.get(source.file)!, articles: result.articles });
  }

  const candidates = split.flatMap(({ file, date, articles }) =>
    articles.map((article) => {
      const title = normaliseTypography(article.title);
      const paragraphs = article.paragraphs.map(normaliseTypography);
      return { file, date, line: article.line, title, paragraphs, slug: slugify(title) };
    }),
  );
  for (const candidate of candidates) {
    if (!candidate.slug) {
      problems.push({ file: candidate.file, line: candidate.line, message: `title "${candidate.title}" has no letters or digits to make a URL from` });
    }
  }
  const duplicates = findDuplicates(candidates.filter((c) => c.slug));
  problems.push(...duplicates.problems);
  notes.push(...duplicates.notes);

  const prepared: Prepared[] = [];
  const untopical: Problem[] = [];
  candidates
    .filter((c) => c.slug)
    .forEach((candidate, index) => {
      if (duplicates.repeats.has(index)) return;
      const { title, slug } = duplicates.renamed.get(index) ?? candidate;
      const body = candidate.paragraphs.join('\n\n');
      const assigned = options.topics ?? assignTopics(title, body, topics);
      if (assigned.length === 0) {
        const best = scoreTopics(title, body, topics).slice(0, 3);
        untopical.push({
          file: candidate.file,
          line: candidate.line,
          message: `no topic for "${title}"; ${best.length > 0 ? `best candidates: ${best.map((b) => `${b.slug} (${b.score})`).join(', ')}` : 'no topic keyword occurs in it'}`,
        });
      }
      prepared.push({ ...candidate, title, slug, topics: assigned, summary: summarise(candidate.paragraphs[0]) });
    });
  if (untopical.length > 0) {
    problems.push(...untopical);
    notes.push(`${countOf(untopical.length, 'article has', 'articles have')} no topic: give --topic a,b for this run, or add keywords to ${options.topicsFile}`);
  }

  for (const line of notes) options.log(line);
  if (suspicions.length > 0) {
    if (options.allowShort) {
      for (const s of suspicions) options.log(`confirmed (--allow-short): ${formatProblem(s)}`);
    } else {
      problems.push(
        ...suspicions.map((s) => ({ ...s, message: `${s.message} Check the split; --allow-short imports it as it is.` })),
      );
    }
  }
  // Every file is made before any is written, and read back with the build's schema: what the
  // importer writes must build. An article without a topic is already among the problems.
  const rendered: { article: Prepared; file: string; contents: string }[] = [];
  const topicSlugs = topics.map((topic) => topic.slug);
  for (const article of prepared) {
    if (article.topics.length === 0) continue;
    const file = join(options.out, `${article.slug}.md`);
    let contents: string;
    try {
      contents = renderArticleFile({ ...article, authors: options.authors });
    } catch (error) {
      problems.push({ file: article.file, line: article.line, message: (error as Error).message });
      continue;
    }
    const checked = checkArticle(splitArticle(contents).data, relative(process.cwd(), file), { topics: topicSlugs });
    for (const problem of checked.problems) problems.push({ file: article.file, line: article.line, message: `the article would not build: ${problem}` });
    rendered.push({ article, file, contents });
  }
  if (problems.length > 0) {
    const order = new Map(sources.map((source, index) => [source.file, index]));
    problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line);
    const count = `${countOf(problems.length, 'problem', 'problems')} in ${countOf(sources.length, 'file', 'files')}`;
    throw new DigestError(problems, `${count}; nothing was written`);
  }

  const result: ImportResult = { written: [], skipped: [] };
  if (!options.dryRun) mkdirSync(options.out, { recursive: true });
  for (const { article, file, contents } of rendered) {
    const shown = relative(process.cwd(), file);
    if (existsSync(file) && !options.force) {
      result.skipped.push(file);
      options.log(`skipped ${shown} (exists; pass --force to overwrite)`);
      continue;
    }
    if (!options.dryRun) writeFileSync(file, contents);
    result.written.push(file);
    options.log(`${options.dryRun ? 'would write' : 'wrote'} ${shown}  [${article.topics.join(', ')}]`);
    const unknown = unknownNames(`${article.title}\n${article.paragraphs.join('\n')}`, known);
    if (unknown.length > 0) {
      options.log(`  names not in ${options.entitiesFile}: ${unknown.map((n) => (n.count > 1 ? `${n.name} (${n.count})` : n.name)).join(', ')}`);
    }
  }
  options.log(
    `${result.written.length} ${options.dryRun ? 'to write' : 'written'}, ${result.skipped.length} skipped, from ${countOf(prepared.length, 'article', 'articles')} in ${countOf(sources.length, 'file', 'files')}${duplicates.repeats.size > 0 ? ` (${countOf(duplicates.repeats.size, 'repeated text', 'repeated texts')} imported once)` : ''}`,
  );
  return result;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        date: { type: 'string' },
        topic: { type: 'string' },
        author: { type: 'string', multiple: true },
        'allow-short': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string', default: join(site.contentDir, 'articles') },
        topics: { type: 'string', default: join(site.contentDir, 'topics.yaml') },
        entities: { type: 'string', default: join(site.contentDir, 'entities.yaml') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`import: give at least one digest file or folder\n${USAGE}`);
    return 2;
  }
  try {
    importDigest({
      inputs: positionals,
      date: values.date,
      topics: values.topic?.split(',').map((t) => t.trim()).filter(Boolean),
      authors: values.author?.flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean),
      out: values.out,
      topicsFile: values.topics,
      entitiesFile: values.entities,
      allowShort: values['allow-short'],
      force: values.force,
      dryRun: values['dry-run'],
      log: (line) => console.log(line),
    });
    return 0;
  } catch (error) {
    if (error instanceof DigestError || error instanceof UsageError) {
      console.error(`import: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
