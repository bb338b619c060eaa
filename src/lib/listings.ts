/**
 * How topic and entity listings are cut into pages: one place, read by the routes that render
 * the pages and by the sitemap that lists them, so the two can never disagree.
 */
import type { Article, EntityGroup, TopicGroup } from './model.ts';
import { paginate, type Page } from './paginate.ts';
import { site } from './site.ts';

export function topicPages(topic: TopicGroup): Page<Article>[] {
  return paginate(topic.articles, site.pageSize);
}

export function entityPages(entity: EntityGroup): Page<Article>[] {
  return paginate(entity.articles, site.entityPageSize);
}
