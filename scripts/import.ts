/**
 * The digest importer: turns a plain-text digest into Markdown articles in content/articles/.
 *
 *   npm run import -- <digest.txt> --date YYYY-MM-DD [--force] [--dry-run] [--out DIR]
 *
 * It never overwrites an existing article unless --force is given, prints one line per file,
 * and exits non-zero with "file:line: problem" when the digest cannot be split into articles.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { decodeDigest, DigestError, splitDigest } from '../src/lib/digest.ts';
import { normaliseTypography } from '../src/lib/typography.ts';
import { slugify } from '../src/lib/slug.ts';
import { assignTopics, type TopicKeywords } from '../src/lib/topic-assign.ts';
import { summarise } from '../src/lib/summary.ts';
import { renderArticleFile } from '../src/lib/article-file.ts';
import { parseIsoDate } from '../src/lib/dates.ts';
import { entityMatcher, unknownNames, type EntityDef } from '../src/lib/entities.ts';

const USAGE = 'usage: npm run import -- <digest.txt> --date YYYY-MM-DD [--force] [--dry-run] [--out content/articles]';

class UsageError extends Error {}

function readTopics(file: string): TopicKeywords[] {
  const data: unknown = YAML.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new UsageError(`${file}: expected a list of topics`);
  return data.map((topic, index) => {
    if (typeof topic?.id !== 'string' || !Array.isArray(topic?.keywords)) {
      throw new UsageError(`${file}: topic #${index + 1} needs an "id" and a "keywords" list`);
    }
    return { slug: topic.id, keywords: topic.keywords.map(String) };
  });
}

function readEntities(file: string): EntityDef[] {
  if (!existsSync(file)) return [];
  const data: unknown = YAML.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new UsageError(`${file}: expected a list of entities`);
  return data.map((entity) => ({
    slug: String(entity.id),
    kind: entity.kind,
    name: String(entity.name),
    aliases: Array.isArray(entity.aliases) ? entity.aliases.map(String) : [],
  }));
}

export interface ImportOptions {
  digest: string;
  date: string;
  out: string;
  topicsFile: string;
  entitiesFile: string;
  force: boolean;
  dryRun: boolean;
  log: (line: string) => void;
}

export interface ImportResult {
  written: string[];
  skipped: string[];
}

export function importDigest(options: ImportOptions): ImportResult {
  if (!parseIsoDate(options.date)) {
    throw new UsageError(`--date "${options.date}" is not a real calendar date in the form YYYY-MM-DD`);
  }
  if (!existsSync(options.digest)) throw new UsageError(`${options.digest}: no such file`);
  const topics = readTopics(options.topicsFile);
  const known = entityMatcher(readEntities(options.entitiesFile)).terms;
  const text = decodeDigest(readFileSync(options.digest), options.digest);
  const articles = splitDigest(text, options.digest);

  const seen = new Map<string, number>();
  const prepared = articles.map((article) => {
    const title = normaliseTypography(article.title);
    const paragraphs = article.paragraphs.map(normaliseTypography);
    const slug = slugify(title);
    if (!slug) {
      throw new DigestError(options.digest, article.line, `title "${title}" has no letters or digits to make a URL from`);
    }
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      throw new DigestError(
        options.digest,
        article.line,
        `title "${title}" gives the same URL as the article at line ${earlier}; give one of them a different title`,
      );
    }
    seen.set(slug, article.line);
    const body = paragraphs.join('\n\n');
    const topicSlugs = assignTopics(title, body, topics);
    if (topicSlugs.length === 0) {
      throw new DigestError(
        options.digest,
        article.line,
        `no topic keyword occurs in "${title}"; add a keyword to ${options.topicsFile} or import and set its topics by hand`,
      );
    }
    return { slug, title, paragraphs, topics: topicSlugs, summary: summarise(paragraphs[0]), line: article.line };
  });

  const result: ImportResult = { written: [], skipped: [] };
  if (!options.dryRun) mkdirSync(options.out, { recursive: true });
  for (const article of prepared) {
    const file = join(options.out, `${article.slug}.md`);
    const shown = relative(process.cwd(), file);
    if (existsSync(file) && !options.force) {
      result.skipped.push(file);
      options.log(`skipped ${shown} (exists; pass --force to overwrite)`);
      continue;
    }
    const contents = renderArticleFile({ ...article, date: options.date });
    if (!options.dryRun) writeFileSync(file, contents);
    result.written.push(file);
    options.log(`${options.dryRun ? 'would write' : 'wrote'} ${shown}  [${article.topics.join(', ')}]`);
    const unknown = unknownNames(`${article.title}\n${article.paragraphs.join('\n')}`, known);
    if (unknown.length > 0) {
      options.log(`  names not in ${options.entitiesFile}: ${unknown.map((n) => (n.count > 1 ? `${n.name} (${n.count})` : n.name)).join(', ')}`);
    }
  }
  options.log(
    `${result.written.length} ${options.dryRun ? 'to write' : 'written'}, ${result.skipped.length} skipped, from ${prepared.length} articles in ${options.digest}`,
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
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string', default: 'content/articles' },
        topics: { type: 'string', default: 'content/topics.yaml' },
        entities: { type: 'string', default: 'content/entities.yaml' },
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
  if (positionals.length !== 1 || !values.date) {
    console.error(`import: ${positionals.length !== 1 ? 'give exactly one digest file' : '--date is required'}\n${USAGE}`);
    return 2;
  }
  try {
    importDigest({
      digest: positionals[0],
      date: values.date,
      out: values.out,
      topicsFile: values.topics,
      entitiesFile: values.entities,
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
