/**
 * The site's listings as pages render them: the home page's latest articles, and topic and
 * entity listings cut into pages. One place, read by the routes that render the pages and by
 * the sitemap that lists them, so the two can never disagree.
 */
import { kindLabel } from './entity-groups.ts';
import type { Article, EntityGroup, SiteModel, TopicGroup } from './model.ts';
import { paginate, type Page } from './paginate.ts';
import { site } from './site.ts';

export function topicPages(topic: TopicGroup): Page<Article>[] {
  return paginate(topic.articles, site.pageSize);
}

export function entityPages(entity: EntityGroup): Page<Article>[] {
  return paginate(entity.articles, site.entityPageSize);
}

/** A listing page's title: the name, and the page number after the first page. */
export function listingTitle(name: string, page: Pick<Page<unknown>, 'number'>): string {
  return page.number > 1 ? `${name} (page ${page.number})` : name;
}

/** The route parameter of a listing page: none for the first page, so it lives at the listing's own address. */
function pageParam(page: Page<unknown>): string | undefined {
  return page.number > 1 ? String(page.number) : undefined;
}

/*
 * A listing page is given what it shows and no more (its articles, the name, the count), so its
 * cache key (src/lib/page-key.ts) changes only when what it shows does: not when an article on
 * another page of the same listing is edited.
 */
export interface TopicListingPage {
  topic: Pick<TopicGroup, 'slug' | 'name' | 'description'>;
  /** How many articles the whole listing holds. */
  count: number;
  page: Page<Article>;
  title: string;
}

export interface EntityListingPage {
  entity: Pick<EntityGroup, 'slug' | 'name' | 'description' | 'topics'>;
  /** How many articles the whole listing holds. */
  count: number;
  page: Page<Article>;
  title: string;
  description: string;
  /** "Organisation", "Person" or "Country". */
  kind: string;
}

/** Every page of every topic's listing, as routes. */
export function topicListingRoutes(model: SiteModel): { params: { topic: string; page: string | undefined }; props: TopicListingPage }[] {
  return model.topics.flatMap((topic) =>
    topicPages(topic).map((page) => ({
      params: { topic: topic.slug, page: pageParam(page) },
      props: { topic: { slug: topic.slug, name: topic.name, description: topic.description }, count: topic.articles.length, page, title: listingTitle(topic.name, page) },
    })),
  );
}

/** Every page of every entity's listing, as routes. */
export function entityListingRoutes(model: SiteModel): { params: { entity: string; page: string | undefined }; props: EntityListingPage }[] {
  return model.entities.flatMap((entity) =>
    entityPages(entity).map((page) => ({
      params: { entity: entity.slug, page: pageParam(page) },
      props: {
        entity: { slug: entity.slug, name: entity.name, description: entity.description, topics: entity.topics },
        count: entity.articles.length,
        page,
        title: listingTitle(entity.name, page),
        description: entity.description ?? `Articles naming ${entity.name}.`,
        kind: kindLabel(entity),
      },
    })),
  );
}

/** The home page's articles, and whether older ones exist beyond them. */
export function latestArticles(model: SiteModel, count: number = site.homeCount): { articles: readonly Article[]; more: boolean } {
  const articles = model.articles.slice(0, count);
  return { articles, more: model.articles.length > articles.length };
}
