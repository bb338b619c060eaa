/**
 * The bench's own logic that can go wrong without anyone noticing: the figures it reads from what
 * the builds print (a change of wording would turn them into "n/a"), how it sorts the first
 * search's bytes, its command line, how it judges its targets, and the changes the publish
 * scenario makes to a content folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AstroBuilder } from '../../node_modules/astro/dist/core/build/index.js';
import type { BuildFigures } from '../../bench/builds.ts';
import { GiB } from '../../bench/context.ts';
import { generateCorpus, type Corpus } from '../../bench/generate-corpus.ts';
import { parseOptions } from '../../bench/options.ts';
import { astroBuiltMs, imageRate, reusedDocuments } from '../../bench/output.ts';
import { Random } from '../../bench/corpus-random.ts';
import { editedBody, Newsroom, redated, renamedTopic } from '../../bench/publish-changes.ts';
import { fmtIdentity, identityOf, type PublishResult, type PublishStep } from '../../bench/publish.ts';
import { publishMarkdown } from '../../bench/publish-report.ts';
import { at30kTargets, perArticleTarget, publishTargets, type Target } from '../../bench/report.ts';
import { kindOf } from '../../bench/search.ts';
import type { SizeResult } from '../../bench/size.ts';
import { readFrontmatter } from '../../src/lib/content-files.ts';
import { countOf } from '../../src/lib/counts.ts';
import { checkArticle, readTopicsFile, splitArticle } from '../../src/lib/content-schema.ts';
import { statsSummary } from '../../src/integrations/og-generator.ts';
import { compareFingerprints } from '../helpers/fingerprint.ts';
import { root } from '../helpers/paths.ts';

/**
 * Astro's line for its build time, as Astro itself writes it: its own stats printer (not
 * exported, so reached by path) with a build that took `ms`. The bench reads that line, and a
 * change to Astro's words or time format should fail here rather than turn the figure into "n/a".
 */
async function astroStatsLine(ms: number): Promise<string> {
  const lines: string[] = [];
  const logger = { info: (label: string, message: string) => lines.push(`[${label}] ${message}`) };
  const printStats = (AstroBuilder.prototype as unknown as { printStats(options: object): Promise<void> }).printStats;
  await printStats.call({}, { logger, timeStart: performance.now() - ms, pageCount: 74, buildMode: 'static' });
  return lines.join('\n');
}

describe('bench: figures read from what a build prints', () => {
  it("takes the image worker's time per image from the og-images line", () => {
    const line = statsSummary({ fromCache: 0, rendered: 1000, renderMs: 3111, workers: 1 });
    expect(imageRate(`\u001b[2m17:52:00\u001b[22m [og-images] ${line}`)).toBe(3.1);
  });

  it('has no image rate when every image came from the cache', () => {
    expect(imageRate(statsSummary({ fromCache: 1000, rendered: 0, renderMs: 0, workers: 0 }))).toBeNull();
  });

  it("reads Astro's own build time in milliseconds, seconds and minutes, as Astro writes each", async () => {
    expect(astroBuiltMs(await astroStatsLine(406))).toBe(406);
    expect(astroBuiltMs(await astroStatsLine(6710))).toBe(6710);
    expect(astroBuiltMs(await astroStatsLine(107_000))).toBe(107_000);
    expect(astroBuiltMs('[build] Complete!')).toBeNull();
  });
});

describe("bench: what a rebuild reused, from the build's closing line", () => {
  const closing = (reused: string) => `built 10,000 articles, 36,356 pages, 62 feeds in 12.3 s${reused} → /tmp/x/dist/\n`;

  it('reads the count of reused documents, thousands separators and all', () => {
    expect(reusedDocuments(`[build] Complete!\n${closing(`, reusing ${countOf(36_120, 'unchanged document', 'unchanged documents')} of the last build`)}`)).toBe(36_120);
    expect(reusedDocuments(closing(`, reusing ${countOf(1, 'unchanged document', 'unchanged documents')} of the last build`))).toBe(1);
  });

  it('has 0 when the build reused nothing, and no figure when it printed no closing line', () => {
    expect(reusedDocuments(closing(''))).toBe(0);
    expect(reusedDocuments('build failed; /tmp/x/dist was left as it was.')).toBeNull();
  });
});

describe('bench: the first search', () => {
  it("counts Pagefind's metadata file apart from the rest of the index", () => {
    const base = 'http://127.0.0.1:4321/pagefind/';
    expect(kindOf(`${base}pagefind.en_d47945de4c.pf_meta`, 'fetch')).toBe('metadata');
    expect(kindOf(`${base}index/en_7e7d105.pf_index`, 'fetch')).toBe('index');
    expect(kindOf(`${base}fragment/en_2f65d0b.pf_fragment`, 'fetch')).toBe('fragments');
    expect(kindOf(`${base}pagefind.js`, 'script')).toBe('pagefind-js');
    expect(kindOf(`${base}wasm.en.pagefind`, 'fetch')).toBe('wasm');
    // An index in parts: each part's folder holds its own files.
    expect(kindOf(`${base}2024/wasm.en.pagefind`, 'fetch')).toBe('wasm');
    expect(kindOf(`${base}2024/index/en_7e7d105.pf_index`, 'fetch')).toBe('index');
  });
});

describe('bench: command line', () => {
  it('lets --n and --max-wait override what --quick picks', () => {
    expect(parseOptions(['--quick', '--n', '500,2_000', '--max-wait', '5'])).toMatchObject({ sizes: [500, 2000], maxWaitMs: 5000 });
  });

  it('turns a step off with --no-…', () => {
    expect(parseOptions(['--no-hugo', '--no-browser', '--no-warm'])).toMatchObject({ hugo: false, browser: false, warm: false });
  });

  it('runs the publish scenario alone when --publish comes without --n, and beside the sizes with it', () => {
    expect(parseOptions(['--publish', '10_000'])).toMatchObject({ sizes: [], publish: 10000, publishRounds: 3 });
    expect(parseOptions(['--quick', '--publish', '300'])).toMatchObject({ sizes: [], publish: 300, publishRounds: 1 });
    expect(parseOptions(['--n', '1000,30000', '--publish', '10000', '--publish-rounds', '2'])).toMatchObject({ sizes: [1000, 30000], publish: 10000, publishRounds: 2 });
    expect(parseOptions([])).toMatchObject({ sizes: [1000, 10000], publish: null });
    expect(() => parseOptions(['--publish', '1'])).toThrow(/--publish needs a whole number of at least 2, got "1"/);
    expect(() => parseOptions(['--publish-rounds', '0'])).toThrow(/--publish-rounds/);
  });

  it('refuses a size or a round count that is not a positive whole number', () => {
    expect(() => parseOptions(['--n', '10,000'])).toThrow(/--n needs a whole number of at least 1, got "000"/);
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/--rounds/);
    expect(() => parseOptions(['--sizes', '5'])).toThrow(/sizes/);
  });
});

function build(wallMs: number, overrides: Partial<BuildFigures> = {}): BuildFigures {
  return { ok: true, wallMs, msPerArticle: wallMs / 1000, peakBytes: GiB, maxRssBytes: null, treePeakBytes: GiB, cpuS: null, otherLoad: null, output: { bytes: 0, files: 0 }, log: '', ...overrides };
}

const SAME = identityOf({ differing: [], missing: [], extra: [] }, 100);

function step(kind: PublishStep['kind'], round: number, publishMs: number, coldMs: number, identity = SAME, publishOk = true): PublishStep {
  return { kind, round, what: `${kind} ${round}`, publishFirst: round % 2 === 1, publish: { ...build(publishMs, { ok: publishOk }), reused: 40 }, cold: build(coldMs), identity: publishOk ? identity : null };
}

function publishResult(steps: PublishStep[], n = 10000, firstOk = true): PublishResult {
  return { n, rounds: 3, first: { ...build(60_000, { ok: firstOk }), reused: null }, unchanged: { ...build(58_000), reused: 100, identity: SAME }, steps };
}

/** The verdict of the target whose name contains `words`. */
function verdict(targets: Target[], words: string): Target {
  const target = targets.find((t) => t.name.includes(words));
  if (!target) throw new Error(`no target named like "${words}" in ${targets.map((t) => t.name).join(' | ')}`);
  return target;
}

describe('bench: publish one', () => {
  it("judges each change on the median of its pairs' ratios, not on one pair", () => {
    const targets = publishTargets(
      publishResult([
        step('add', 1, 54_000, 60_000),
        step('add', 2, 18_000, 60_000),
        step('add', 3, 21_000, 60_000),
        step('edit', 1, 30_000, 60_000),
        step('edit', 2, 30_000, 60_000),
        step('edit', 3, 6_000, 60_000),
      ]),
    );
    const add = verdict(targets, 'add one new article: ≤ 0.4×');
    expect(add.pass).toBe(true);
    expect(add.measured).toBe('0.35×, the median of 3 pairs (0.90×, 0.30×, 0.35×); 21.0 s against 60.0 s');
    expect(verdict(targets, "edit one article's body: ≤ 0.4×").pass).toBe(false);
    // Kinds that did not run are not judged.
    expect(verdict(targets, 'remove one article: ≤ 0.4×')).toMatchObject({ pass: null, measured: 'n/a (not run)' });
  });

  it('fails identity when any pair differs, naming the round and the first files', () => {
    const differs = identityOf({ differing: ['index.html', 'rss.xml'], missing: ['articles/gone/index.html'], extra: [] }, 100);
    const targets = publishTargets(publishResult([step('topic', 1, 50_000, 60_000), step('topic', 2, 50_000, 60_000, differs)]));
    const identity = verdict(targets, 'rename a topic');
    expect(identity.pass).toBe(false);
    expect(identity.measured).toBe(
      'identical in 1 of 2 pairs; round 2: 2 differing, 1 missing, 0 extra of 100 files (differing: index.html, differing: rss.xml, missing: articles/gone/index.html)',
    );
    // A topic's rename is timed, not judged on time.
    expect(targets.filter((t) => t.name.includes('rename a topic'))).toHaveLength(1);
  });

  it('counts a failed build as a failure of its change, and of every change when the first build failed', () => {
    const failed = publishTargets(publishResult([step('remove', 1, 20_000, 60_000, SAME, false)]));
    expect(verdict(failed, 'remove one article: ≤ 0.4×')).toMatchObject({ pass: false, measured: 'a build failed' });
    expect(verdict(failed, 'remove one article: dist/')).toMatchObject({ pass: false, measured: 'not compared (a build failed)' });
    const noFirst = publishTargets(publishResult([], 10000, false));
    expect(noFirst.every((t) => t.pass === false)).toBe(true);
  });

  it('says when the scenario ran at another N than the one the targets are set for', () => {
    const targets = publishTargets(publishResult([step('add', 1, 10_000, 60_000)], 300));
    expect(verdict(targets, 'add one new article: ≤ 0.4×').note).toBe('measured at N = 300, not 10,000');
  });

  it('prints every pair with its ratio and which build went first', () => {
    const text = publishMarkdown(publishResult([step('add', 1, 20_000, 40_000), step('add', 2, 30_000, 40_000)])).join('\n');
    expect(text).toContain('| 1 | add 1 | 20.0 s | 40 | 40.0 s | 0.50× |');
    expect(text).toContain('| 2 (clean first) | add 2 | 30.0 s | 40 | 40.0 s | 0.75× |');
    expect(text).toContain('| add one new article | 25.0 s | 40.0 s | 0.63×, the median of 2 pairs (0.50×, 0.75×) | identical in 2 of 2 pairs |');
  });
});

describe('bench: comparing two built sites', () => {
  it('sorts the files into differing, missing and extra, keeping the first few names of each', () => {
    const expected = new Map([['a.html', '1'], ['b.html', '2'], ['c.html', '3']]);
    const actual = new Map([['a.html', '1'], ['b.html', 'x'], ['d.html', '4']]);
    expect(compareFingerprints(expected, actual)).toEqual({ differing: ['b.html'], missing: ['c.html'], extra: ['d.html'] });
    const many = identityOf({ differing: Array.from({ length: 9 }, (_, i) => `p${i}.html`), missing: [], extra: [] }, 50);
    expect(many.differing).toBe(9);
    expect(many.first).toEqual(['p0.html', 'p1.html', 'p2.html', 'p3.html', 'p4.html'].map((file) => `differing: ${file}`));
    expect(fmtIdentity(identityOf(compareFingerprints(expected, expected), 36356))).toBe('identical (36,356 files)');
  });
});

/** A size's result with only what the targets read. */
function sized(n: number, msPerArticle: number, extra: { ok?: boolean; peakBytes?: number; search?: { bytes: number; latencyMs: number } } = {}): SizeResult {
  const browser = extra.search ? { median: { bytes: extra.search.bytes, searchBytes: extra.search.bytes, latencyMs: extra.search.latencyMs, byKind: {} }, searches: [] } : undefined;
  return { n, full: build(msPerArticle * n, { ok: extra.ok ?? true, msPerArticle, peakBytes: extra.peakBytes ?? GiB }), rounds: [], ...(browser ? { browser } : {}) } as unknown as SizeResult;
}

describe('bench: targets across sizes', () => {
  it("judges time per article on the largest N's over the smallest's, whatever sizes ran", () => {
    const flat = perArticleTarget([sized(30000, 4.8), sized(1000, 10.9), sized(10000, 6.3)], { quick: false });
    expect(flat).toMatchObject({ name: 'ms per article at N = 30,000 ≤ 1.2× that at N = 1,000', measured: '1,000: 10.9 · 10,000: 6.3 · 30,000: 4.8 ms; 30,000 ÷ 1,000 = 0.44×', pass: true });
    expect(perArticleTarget([sized(1000, 5), sized(30000, 6.5)], { quick: false }).pass).toBe(false);
    expect(perArticleTarget([sized(100, 5)], { quick: true })).toMatchObject({ pass: null, note: 'quick mode' });
    expect(perArticleTarget([sized(1000, 5), sized(30000, 5, { ok: false })], { quick: false }).pass).toBe(false);
  });

  it('judges memory and the first search at 30,000 articles, and says when that size did not run', () => {
    const targets = at30kTargets([sized(10000, 6), sized(30000, 5, { peakBytes: 4.5 * GiB, search: { bytes: 290_000, latencyMs: 310 } })]);
    expect(verdict(targets, 'peak memory < 4 GiB')).toMatchObject({ pass: false, measured: '4.50 GiB' });
    expect(verdict(targets, 'first search fetches < 300 KB').pass).toBe(true);
    expect(verdict(targets, 'first result < 300 ms').pass).toBe(false);
    expect(at30kTargets([sized(1000, 9), sized(10000, 6)]).map((t) => [t.pass, t.note])).toEqual(Array(3).fill([null, 'needs N = 30,000']));
    expect(verdict(at30kTargets([sized(20000, 5)]), 'peak memory').note).toBe('measured at N = 20,000, not 30,000');
  });
});

describe('bench: the changes of the publish scenario', () => {
  const article = '---\ntitle: "Chip rules tighten"\ndate: 2021-03-04\nupdated: 2021-03-09\ntopics: [chips]\n---\n\nThe rules on chip export change again this spring.\n\nOfficials said the new rules would apply from the summer to every maker.\n';
  const topicIds = readTopicsFile(join(root, 'content', 'topics.yaml')).map((topic) => topic.id);

  it('dates a new article on the given day, with no update date, and it stays a valid article', () => {
    const text = redated(article, '2024-12-31');
    expect(readFrontmatter(text)).toMatchObject({ date: '2024-12-31' });
    expect(text).not.toContain('updated:');
    expect(checkArticle(readFrontmatter(text), 'new.md', { topics: topicIds }).problems).toEqual([]);
    expect(() => redated('no frontmatter', '2024-12-31', 'x.md')).toThrow(/x\.md: no frontmatter/);
  });

  it("adds a sentence of the body's own plain words and leaves the frontmatter as it was", () => {
    const edited = editedBody(article, new Random(3));
    expect(edited).not.toBe(article);
    expect(splitArticle(edited).data).toEqual(splitArticle(article).data);
    const added = edited.slice(article.trimEnd().length).trim();
    const own = new Set(splitArticle(article).body.toLowerCase().match(/[a-z]+/g));
    expect(added).toMatch(/^[A-Z][a-z]+( [a-z]+){7,13}\.$/);
    expect(added.toLowerCase().match(/[a-z]+/g)!.every((word) => own.has(word))).toBe(true);
    expect(editedBody(article, new Random(3))).toBe(edited);
  });

  it("renames one topic in topics.yaml, keeping its comments and the other topics", () => {
    const path = join(root, 'content', 'topics.yaml');
    const text = readFileSync(path, 'utf8');
    const renamed = renamedTopic(text, 'chips', 'Chips & chipmaking');
    expect(renamed.split('\n')[0]).toBe(text.split('\n')[0]);
    const before = readTopicsFile(path);
    const work = mkdtempSync(join(tmpdir(), 'topics-'));
    try {
      const file = join(work, 'topics.yaml');
      writeFileSync(file, renamed);
      const after = readTopicsFile(file);
      expect(after.map((topic) => topic.name)).toEqual(before.map((topic) => (topic.id === 'chips' ? 'Chips & chipmaking' : topic.name)));
      expect(after.map((topic) => topic.keywords)).toEqual(before.map((topic) => topic.keywords));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    expect(() => renamedTopic(text, 'nope', 'x', 'c/topics.yaml')).toThrow('c/topics.yaml: no topic with id nope');
  });
});

describe('bench: a newsroom changing a generated corpus', () => {
  let work: string;
  let corpus: Corpus;
  let newsroom: Newsroom;
  const articleFiles = () => readdirSync(join(work, 'content', 'articles')).map((name) => `articles/${name}`).sort();
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'newsroom-'));
    corpus = generateCorpus({ n: 12, seed: 5, outDir: join(work, 'content') });
    generateCorpus({ n: 12, seed: 5, outDir: join(work, 'original') });
    newsroom = new Newsroom(join(work, 'content'), join(work, 'spare'), corpus.articles, 2, 5);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the last articles back, then publishes one dated on the newest day of the rest', () => {
    const kept = corpus.articles.slice(0, 10);
    expect(articleFiles()).toEqual(kept.map((a) => a.file).sort());
    const newest = kept.map((a) => a.date).sort().at(-1);
    const change = newsroom.apply('add');
    const added = corpus.articles[10].file;
    expect(change.what).toBe(`added ${added}, dated ${newest}`);
    expect(readFrontmatter(readFileSync(join(work, 'content', added), 'utf8'))).toMatchObject({ date: newest });
  });

  it('edits and removes articles other changes have not touched', () => {
    const edited = /body of (\S+)$/.exec(newsroom.apply('edit').what)![1];
    const removed = /^removed (\S+)$/.exec(newsroom.apply('remove').what)![1];
    expect(removed).not.toBe(edited);
    expect(removed).not.toBe(corpus.articles[10].file);
    expect(articleFiles()).not.toContain(removed);
    const original = readFileSync(join(work, 'original', edited), 'utf8');
    expect(readFileSync(join(work, 'content', edited), 'utf8').startsWith(original.trimEnd())).toBe(true);
    expect(readFileSync(join(work, 'content', edited), 'utf8')).not.toBe(original);
    expect(newsroom.apply('topic').what).toMatch(/^topic \S+: "(.+)" → "\1 news"$/);
  });
});
