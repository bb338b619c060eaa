/**
 * Generates N realistic articles for the benchmark (and for search-quality tests), deterministically
 * from a seed, into a content folder of their own: `<outDir>/articles/*.md` plus copies of
 * topics.yaml (and entities.yaml when the site has one), so `outDir` can be a CONTENT_DIR.
 *
 * Realistic means: a vocabulary built from the seed articles in content/articles/ (ranked by how
 * often each word occurs there) followed by a long tail of generated pseudo-words, sampled with a
 * Zipf-like law so that a few words are everywhere and most are rare, as in real news text;
 * 300–600 words an article in paragraphs of 2–5 sentences; 1–3 topics from topics.yaml whose
 * keywords recur in the text and sometimes in the title; entity names from entities.yaml when it
 * exists; unique titles; dates spread over ten years; about half with a summary; some updated.
 *
 *   node bench/generate-corpus.ts --n 1000 --seed 1 --out /tmp/corpus
 *
 * Same n, seed and source content → byte-identical files. It never writes into content/.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ContentArticle } from '../src/lib/content-files.ts';
import { isoDay } from '../src/lib/dates.ts';
import { slugify } from '../src/lib/slug.ts';
import { ROOT } from './context.ts';
import { Random, Zipf } from './corpus-random.ts';
import { pseudoWords, readEntities, readSeedVocabulary, readTopics, type EntityDef, type TopicDef } from './corpus-vocabulary.ts';


export interface GenerateOptions {
  /** How many articles. */
  n: number;
  /** Any number or string; the same seed gives the same corpus. */
  seed: number | string;
  /** Folder to write into: articles/ goes inside it, with topics.yaml (and entities.yaml). */
  outDir: string;
  /** Where topics.yaml, entities.yaml and the seed articles come from; default: the repo's content/. */
  contentDir?: string;
  /** Allow writing into an outDir whose articles/ already holds Markdown files (they are replaced). */
  force?: boolean;
}

/** A generated article: what the site reads from its frontmatter (never a draft), and what the generator knows of it. */
export interface GeneratedArticle extends Omit<ContentArticle, 'draft' | 'authors'> {
  summary?: string;
  /** Entity names (canonical `name`) mentioned in the title or body. */
  entities: string[];
  /** Words in the body (whitespace-separated tokens). */
  words: number;
  /** Topic keywords used in the body, for search tests. */
  keywords: string[];
}

export interface Corpus {
  outDir: string;
  articlesDir: string;
  articles: GeneratedArticle[];
  /** Number of distinct words available to the generator (seed words + pseudo-words). */
  vocabularySize: number;
}

// ---------------------------------------------------------------- content folder

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function real(path: string): string {
  // The deepest existing ancestor, resolved, plus the rest: catches symlinks into content/.
  let head = resolve(path);
  const tail: string[] = [];
  while (!existsSync(head)) {
    tail.unshift(head.slice(dirname(head).length + 1));
    const up = dirname(head);
    if (up === head) break;
    head = up;
  }
  return join(realpathSync(head), ...tail);
}

// ---------------------------------------------------------------- text

const TITLE_VERBS = [
  'targets', 'weighs', 'faces', 'expands', 'launches', 'probes', 'bans', 'backs', 'delays', 'unveils',
  'seeks', 'warns over', 'pushes', 'blocks', 'approves', 'rejects', 'eyes', 'tightens', 'eases', 'defends',
  'challenges', 'plans', 'wins', 'loses', 'drops', 'revives', 'scraps', 'fines', 'courts', 'questions',
];
const TITLE_PREPOSITIONS = ['in', 'over', 'after', 'amid', 'ahead of', 'despite', 'for', 'with', 'against', 'by'];
const NUMBER_FORMS = [
  (r: Random) => String(r.int(1990, 2030)),
  (r: Random) => `${r.int(1, 99)}%`,
  (r: Random) => `$${r.int(1, 900)} million`,
  (r: Random) => `${r.int(2, 40)}.${r.int(1, 9)} billion`,
  (r: Random) => String(r.int(2, 5000)),
];

interface Phrase {
  text: string;
  words: number;
  kind: 'word' | 'keyword' | 'entity';
  entity?: string;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Generator {
  random: Random;
  vocabulary: string[];
  zipf: Zipf;
  proper: string[];
  topicWords: Map<string, string[]>;
  topics: TopicDef[];
  entities: EntityDef[];
}

function commonWord(g: Generator): string {
  return g.vocabulary[g.zipf.draw(g.random)];
}

/** A word for the middle of a title: not the very commonest function words. */
function titleWord(g: Generator): string {
  for (let i = 0; i < 20; i += 1) {
    const rank = g.zipf.draw(g.random);
    if (rank >= 40) return g.vocabulary[rank];
  }
  return g.vocabulary[g.random.int(40, g.vocabulary.length - 1)];
}

function makeTitle(g: Generator, topics: TopicDef[], entities: EntityDef[]): { title: string; entity?: string; keyword?: string } {
  const r = g.random;
  let entity: string | undefined;
  let subject: string;
  if (entities.length > 0 && r.chance(0.6)) {
    const e = r.pick(entities);
    entity = e.name;
    subject = e.aliases.length > 0 && r.chance(0.3) ? r.pick(e.aliases) : e.name;
  } else {
    subject = g.proper[Math.min(g.proper.length - 1, Math.floor(r.next() ** 2 * g.proper.length))];
  }
  const topic = r.pick(topics);
  const keyword = topic.keywords.length > 0 && r.chance(0.75) ? r.pick(topic.keywords) : undefined;
  const object: string[] = [];
  for (let i = r.int(1, 3); i > 0; i -= 1) object.push(titleWord(g));
  if (keyword) object.splice(r.int(0, object.length), 0, keyword);
  const parts = [subject, r.pick(TITLE_VERBS), ...object];
  if (r.chance(0.6)) parts.push(r.pick(TITLE_PREPOSITIONS), r.chance(0.5) ? r.pick(g.proper) : titleWord(g));
  if (r.chance(0.15)) parts.push(NUMBER_FORMS[0](r));
  return { title: capitalise(parts.join(' ')), entity, keyword };
}

/** One token of running text: usually a Zipf word, sometimes a topic word, keyword, entity or number. */
function nextPhrase(g: Generator, topics: TopicDef[], entities: EntityDef[], room: number): Phrase {
  const r = g.random;
  const roll = r.next();
  if (roll < 0.018) {
    const topic = r.pick(topics);
    const keyword = topic.keywords.length > 0 ? r.pick(topic.keywords) : undefined;
    if (keyword && wordCount(keyword) <= room) return { text: keyword, words: wordCount(keyword), kind: 'keyword' };
  } else if (roll < 0.03 && entities.length > 0) {
    const e = r.pick(entities);
    const text = e.aliases.length > 0 && r.chance(0.35) ? r.pick(e.aliases) : e.name;
    if (wordCount(text) <= room) return { text, words: wordCount(text), kind: 'entity', entity: e.name };
  } else if (roll < 0.12) {
    // Burstiness: each topic has its own favoured words, so articles on a topic share vocabulary.
    const words = g.topicWords.get(r.pick(topics).id)!;
    return { text: words[Math.floor(r.next() ** 2 * words.length)], words: 1, kind: 'word' };
  } else if (roll < 0.135) {
    const text = r.pick(NUMBER_FORMS)(r);
    if (wordCount(text) <= room) return { text, words: wordCount(text), kind: 'word' };
  }
  return { text: commonWord(g), words: 1, kind: 'word' };
}

function makeSentence(g: Generator, length: number, topics: TopicDef[], entities: EntityDef[], used: { entities: Set<string>; keywords: Set<string> }): string {
  const r = g.random;
  const parts: string[] = [];
  let count = 0;
  while (count < length) {
    const phrase = nextPhrase(g, topics, entities, length - count);
    if (phrase.kind === 'entity') used.entities.add(phrase.entity!);
    if (phrase.kind === 'keyword') used.keywords.add(phrase.text);
    let text = phrase.text;
    count += phrase.words;
    if (count < length && count > 2 && r.chance(0.07)) text += ',';
    parts.push(text);
  }
  if (parts.length > 3 && r.chance(0.04)) {
    const i = r.int(1, parts.length - 2);
    parts[i] = `*${parts[i].replace(/,$/, '')}*${parts[i].endsWith(',') ? ',' : ''}`;
  }
  return `${capitalise(parts.join(' '))}.`;
}

/** A body of exactly `target` words, in paragraphs of 2–5 sentences. */
function makeBody(g: Generator, target: number, topics: TopicDef[], entities: EntityDef[], used: { entities: Set<string>; keywords: Set<string> }): string[] {
  const r = g.random;
  const paragraphs: string[] = [];
  let sentences: string[] = [];
  let perParagraph = r.int(2, 5);
  let remaining = target;
  while (remaining > 0) {
    let length = Math.min(remaining, r.int(9, 28));
    if (remaining - length < 6) length = remaining;
    sentences.push(makeSentence(g, length, topics, entities, used));
    remaining -= length;
    if (sentences.length >= perParagraph || remaining === 0) {
      paragraphs.push(sentences.join(' '));
      sentences = [];
      perParagraph = r.int(2, 5);
    }
  }
  return paragraphs;
}

// ---------------------------------------------------------------- the corpus

/** Writes the corpus and returns what it wrote. */
export function generateCorpus(options: GenerateOptions): Corpus {
  const n = Math.floor(options.n);
  if (!Number.isFinite(n) || n < 1) throw new Error(`n must be a positive whole number, got ${options.n}`);
  const contentDir = resolve(options.contentDir ?? join(ROOT, 'content'));
  const outDir = resolve(options.outDir);
  if (isInside(real(outDir), real(join(ROOT, 'content'))) || isInside(real(outDir), real(contentDir)) || isInside(real(contentDir), real(outDir))) {
    throw new Error(`refusing to write generated articles into ${outDir}: it overlaps the content folder ${contentDir}`);
  }
  const articlesDir = join(outDir, 'articles');
  if (existsSync(articlesDir)) {
    const existing = readdirSync(articlesDir).filter((name) => name.endsWith('.md'));
    if (existing.length > 0 && !options.force) throw new Error(`${articlesDir} already holds ${existing.length} Markdown file(s); use an empty folder or force`);
    // Only Markdown files, the kind this generator writes, are removed.
    for (const name of existing) rmSync(join(articlesDir, name), { force: true });
  }
  mkdirSync(articlesDir, { recursive: true });

  const random = new Random(options.seed);
  const topics = readTopics(contentDir);
  const entities = readEntities(contentDir);
  const seedVocabulary = readSeedVocabulary(contentDir);
  const taken = new Set(seedVocabulary.words.map((w) => w.toLowerCase()));
  // About 45,000 distinct words in all: what ten years of a small newsroom's archive holds.
  const tail = pseudoWords(random, 45_000, taken);
  const vocabulary = [...seedVocabulary.words, ...tail];
  const zipf = new Zipf(vocabulary.length, 1.07);
  const topicWords = new Map<string, string[]>();
  for (const topic of topics) {
    const own = [...random.sample(seedVocabulary.words.slice(60), 120), ...random.sample(tail.slice(0, 15_000), 130)];
    topicWords.set(topic.id, [...topic.keywords.filter((k) => !k.includes(' ')), ...own]);
  }
  const proper = [...seedVocabulary.proper, ...tail.slice(0, 400).map(capitalise)];
  const g: Generator = { random, vocabulary, zipf, proper, topicWords, topics, entities };

  const start = Date.UTC(2015, 0, 1);
  const days = Math.round((Date.UTC(2024, 11, 31) - start) / 86_400_000);
  const slugs = new Set<string>();
  const titles = new Set<string>();
  const articles: GeneratedArticle[] = [];
  for (let i = 0; i < n; i += 1) {
    const chosen = random.sample(topics, random.chance(0.45) ? 1 : random.chance(0.65) ? 2 : 3);
    const articleEntities = entities.length > 0 && random.chance(0.7) ? random.sample(entities, random.int(1, 3)) : [];
    const used = { entities: new Set<string>(), keywords: new Set<string>() };

    let made = makeTitle(g, chosen, articleEntities);
    let slug = slugify(made.title);
    for (let attempt = 0; (titles.has(made.title.toLowerCase()) || slugs.has(slug) || !slug) && attempt < 30; attempt += 1) {
      made = makeTitle(g, chosen, articleEntities);
      slug = slugify(made.title);
    }
    while (titles.has(made.title.toLowerCase()) || slugs.has(slug) || !slug) {
      made = { ...made, title: `${made.title} ${random.pick(tail)}` };
      slug = slugify(made.title);
    }
    titles.add(made.title.toLowerCase());
    slugs.add(slug);
    if (made.entity) used.entities.add(made.entity);

    const words = random.int(300, 600);
    const paragraphs = makeBody(g, words, chosen, articleEntities, used);
    const date = new Date(start + random.int(0, days) * 86_400_000);
    const updated = random.chance(0.1) ? new Date(date.getTime() + random.int(1, 30) * 86_400_000) : undefined;
    const firstSentence = /^(.*?[.])(\s|$)/.exec(paragraphs[0])?.[1].replace(/\*/g, '');
    const summary = random.chance(0.5) && firstSentence ? firstSentence : undefined;

    const frontmatter = [
      '---',
      `title: ${JSON.stringify(made.title)}`,
      `date: ${isoDay(date)}`,
      ...(updated ? [`updated: ${isoDay(updated)}`] : []),
      `topics: [${chosen.map((t) => t.id).join(', ')}]`,
      ...(summary ? [`summary: ${JSON.stringify(summary)}`] : []),
      '---',
    ];
    const file = `articles/${slug}.md`;
    writeFileSync(join(outDir, file), `${frontmatter.join('\n')}\n\n${paragraphs.join('\n\n')}\n`);
    articles.push({
      file,
      slug,
      title: made.title,
      date: isoDay(date),
      ...(updated ? { updated: isoDay(updated) } : {}),
      topics: chosen.map((t) => t.id),
      ...(summary ? { summary } : {}),
      entities: [...used.entities].sort(),
      words,
      keywords: [...used.keywords].sort(),
    });
  }

  copyFileSync(join(contentDir, 'topics.yaml'), join(outDir, 'topics.yaml'));
  if (existsSync(join(contentDir, 'entities.yaml'))) copyFileSync(join(contentDir, 'entities.yaml'), join(outDir, 'entities.yaml'));
  return { outDir, articlesDir, articles, vocabularySize: vocabulary.length };
}

// ---------------------------------------------------------------- CLI

const USAGE = 'usage: node bench/generate-corpus.ts --n 1000 --out /tmp/corpus [--seed 1] [--content content] [--force]';

function cliOptions(argv: string[]): GenerateOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      content: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (!values.n || !values.out) throw new Error(`--n and --out are required\n${USAGE}`);
  return {
    n: Number(values.n),
    seed: /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed,
    outDir: values.out,
    ...(values.content ? { contentDir: values.content } : {}),
    force: values.force,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const started = performance.now();
    const options = cliOptions(process.argv.slice(2));
    if (!options) {
      console.log(USAGE);
      process.exit(0);
    }
    const corpus = generateCorpus(options);
    const words = corpus.articles.reduce((sum, a) => sum + a.words, 0);
    console.log(
      `wrote ${corpus.articles.length} articles (${words} words, vocabulary ${corpus.vocabularySize}) to ${corpus.articlesDir} in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    console.error(`generate-corpus: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
