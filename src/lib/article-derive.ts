/**
 * What the model works out from each article on its own: the sanitised HTML, the summary, the
 * word count, the entities the text names and the content words related articles are found by.
 * It is most of the model's work on a large archive, and depends only on what is passed here, so
 * a build can keep it (src/lib/derived-store.ts) and the next one compute it again only for the
 * articles that changed.
 *
 * A kept result is used only under a key over everything it depends on: the article's title,
 * HTML and summary (the whole ArticleSource, as passed), the entity definitions (whole, as
 * passed), the site settings (src/lib/site.ts: the base path is in every rewritten link), and the
 * digest of the code that computes it (src/lib/code-digest.ts: this module's file and all it
 * imports, the installed packages, Node's version). Anything new a result depends on must come in
 * through these arguments, so that it is in the key.
 */
import { createHash } from 'node:crypto';
import { codeDigest } from './code-digest.ts';
import { contentWords } from './content-words.ts';
import type { DerivedStore } from './derived-store.ts';
import { entityMatcher, type EntityDef } from './entities.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { site } from './site.ts';
import { summarise } from './summary.ts';
import { countWords, firstParagraphOfHtml, htmlToText } from './text.ts';

/** What an article's derived data is worked out from. */
export interface ArticleSource {
  title: string;
  /** Body rendered to HTML by the content layer, before sanitising. */
  html: string;
  /** The frontmatter summary, if any. */
  summary?: string;
}

export interface DerivedArticle {
  /** Sanitised body HTML. */
  html: string;
  /** The frontmatter summary, else one cut from the first paragraph; empty when there is no text. */
  summary: string;
  words: number;
  /** Slugs of the entities the title and text name, before frontmatter corrections. */
  found: string[];
  /** The content words of the title and summary, for related articles (src/lib/content-words.ts). */
  terms: string[];
}

/** How a result is kept: the HTML only when sanitising changed it (it usually does not). */
interface KeptArticle {
  html: string | null;
  summary: string;
  words: number;
  found: string[];
  terms: string[];
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((each) => typeof each === 'string');

export function isKeptArticle(value: unknown): value is KeptArticle {
  if (!value || typeof value !== 'object') return false;
  const kept = value as Record<string, unknown>;
  return (
    (kept.html === null || typeof kept.html === 'string') &&
    typeof kept.summary === 'string' &&
    Number.isSafeInteger(kept.words) &&
    isStrings(kept.found) &&
    isStrings(kept.terms)
  );
}

export type ArticleStore = DerivedStore<KeptArticle>;

let ownDigest: string | null | undefined;

/** The digest of this module's code and all it runs (null: it cannot be told, so nothing may be kept). */
export function deriveCodeDigest(): string | null {
  ownDigest ??= codeDigest(import.meta.url);
  return ownDigest;
}

export function deriveArticle(source: ArticleSource, matcher: { find(text: string): string[] }): DerivedArticle {
  const html = sanitizeArticleHtml(source.html);
  const summary = source.summary?.trim() || summarise(firstParagraphOfHtml(html));
  const text = htmlToText(html);
  return {
    html,
    summary,
    words: countWords(text),
    found: matcher.find(`${source.title}\n${text}`),
    terms: contentWords(source.title, summary),
  };
}

/**
 * The key of a source's result: the context's digest, then every field of the source as passed,
 * each with its name and length so that no two sources read the same. (Field by field rather
 * than as JSON: escaping the HTML for JSON would take longer than the hash.)
 */
export function sourceKey(context: string, source: ArticleSource): string {
  const hash = createHash('sha256').update(context);
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    hash.update(`\0${name}\0${typeof value}\0${text.length}\0`);
    hash.update(text);
  }
  return hash.digest('hex');
}

export interface ArticleDeriver {
  derive(source: ArticleSource): DerivedArticle;
}

/**
 * Works out articles' derived data with the entity definitions given; with a store and the code's
 * digest (deriveCodeDigest), it takes a kept result when there is one and keeps those it computes.
 */
export function articleDeriver(entities: readonly EntityDef[], keep?: { store: ArticleStore; code: string }): ArticleDeriver {
  let matcher: ReturnType<typeof entityMatcher> | undefined;
  const compute = (source: ArticleSource) => deriveArticle(source, (matcher ??= entityMatcher(entities)));
  if (!keep) return { derive: compute };
  const context = createHash('sha256').update(JSON.stringify(['article-derive/1', keep.code, site, entities])).digest('hex');
  return {
    derive(source) {
      const key = sourceKey(context, source);
      const kept = keep.store.get(key);
      if (kept) return { ...kept, html: kept.html ?? source.html };
      const derived = compute(source);
      keep.store.set(key, { ...derived, html: derived.html === source.html ? null : derived.html });
      return derived;
    },
  };
}
