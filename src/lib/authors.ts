/**
 * Bylines: who wrote an article, each author's listing, and the JSON-LD `author` of an article.
 * An article that names no author is the newsroom's: its byline and its JSON-LD say so, and it
 * is on no author's pages.
 */
import type { Article, SiteModel } from './model.ts';
import { listingTitle } from './listings.ts';
import { paginate, type Page } from './paginate.ts';
import { site } from './site.ts';
import { absoluteUrl, paths } from './urls.ts';

export interface AuthorDef {
  id: string;
  name: string;
  role: string;
  bio: string;
  /** The author's own site, if any. */
  url?: string;
  /** Profiles elsewhere that are the same person (schema.org sameAs). */
  sameAs: readonly string[];
}

export interface AuthorGroup extends AuthorDef {
  /** Published articles by this author, newest first. */
  articles: readonly Article[];
}

/** The newsroom, credited with every article that names no author. */
export const NEWSROOM = `${site.title} newsroom`;

/** Every author in the order of authors.yaml, with their articles (already newest first). */
export function authorGroups(articles: readonly Article[], defs: readonly AuthorDef[]): AuthorGroup[] {
  const byId = new Map<string, Article[]>(defs.map((author) => [author.id, []]));
  for (const article of articles) for (const author of article.authors) byId.get(author.id)?.push(article);
  return defs.map((author) => ({ ...author, articles: byId.get(author.id)! }));
}

export function authorPages(author: AuthorGroup): Page<Article>[] {
  return paginate(author.articles, site.pageSize);
}

/** What an author's listing page shows: the author, how many articles in all, and this page's. */
export interface AuthorListingPage {
  author: AuthorDef;
  count: number;
  page: Page<Article>;
  title: string;
}

/** Every page of every author's listing, as routes; the first page at the author's own address. */
export function authorListingRoutes(model: Pick<SiteModel, 'authors'>): { params: { author: string; page: string | undefined }; props: AuthorListingPage }[] {
  return model.authors.flatMap((author) =>
    authorPages(author).map((page) => ({
      params: { author: author.id, page: page.number > 1 ? String(page.number) : undefined },
      props: {
        author: { id: author.id, name: author.name, role: author.role, bio: author.bio, ...(author.url ? { url: author.url } : {}), sameAs: author.sameAs },
        count: author.articles.length,
        page,
        title: listingTitle(author.name, page),
      },
    })),
  );
}

/** What a byline shows: the authors with their pages, or the newsroom. */
export interface Byline {
  authors: readonly { name: string; path: string }[];
  /** Set when the article names no author. */
  newsroom?: { name: string; path: string };
}

export function byline(article: Pick<Article, 'authors'>): Byline {
  if (article.authors.length === 0) return { authors: [], newsroom: { name: NEWSROOM, path: paths.authors() } };
  return { authors: article.authors.map((author) => ({ name: author.name, path: paths.author(author.id) })) };
}

/** JSON-LD `author`: a Person for each author, or the newsroom as an Organization. */
export function authorJsonLd(article: Pick<Article, 'authors'>): Record<string, unknown>[] {
  if (article.authors.length === 0) return [{ '@type': 'Organization', name: site.title, url: absoluteUrl(paths.home()) }];
  return article.authors.map((author) => ({
    '@type': 'Person',
    name: author.name,
    url: absoluteUrl(paths.author(author.id)),
    jobTitle: author.role,
    ...(author.url || author.sameAs.length > 0 ? { sameAs: [...(author.url ? [author.url] : []), ...author.sameAs] } : {}),
  }));
}
