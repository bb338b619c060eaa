/**
 * "Related articles": the articles sharing the most with this one. Each shared entity or topic
 * counts by how rare it is (inverse document frequency), so sharing "SMIC" says more than
 * sharing "China"; ties go to the newer article, then the slug, so the list is stable between
 * builds. Candidates come from the posting lists of the article's rarer entities and from its
 * neighbours in each topic, so the cost per article stays flat as the archive grows.
 */
import type { Article, SiteModel } from './model.ts';

/** Entities named by more articles than this are too common to find candidates by. */
const CANDIDATE_ENTITY_LIMIT = 200;
/** How many neighbours on each side of the article, in each of its topics, are candidates. */
const TOPIC_WINDOW = 25;
/** A shared topic counts for less than a shared entity of the same rarity: topics are broad. */
const TOPIC_FACTOR = 0.5;

interface Weights {
  entity: Map<string, number>;
  topic: Map<string, number>;
  topicPosition: Map<string, Map<string, number>>;
}

const cache = new WeakMap<SiteModel, Weights>();

function weights(model: SiteModel): Weights {
  let cached = cache.get(model);
  if (!cached) {
    const total = model.articles.length || 1;
    const idf = (count: number) => Math.log(1 + total / Math.max(1, count));
    cached = {
      entity: new Map(model.entities.map((e) => [e.slug, idf(e.articles.length)])),
      topic: new Map(model.topics.map((t) => [t.slug, TOPIC_FACTOR * idf(t.articles.length)])),
      topicPosition: new Map(
        model.topics.map((t) => [t.slug, new Map(t.articles.map((article, index) => [article.slug, index]))]),
      ),
    };
    cache.set(model, cached);
  }
  return cached;
}

export interface Related {
  article: Article;
  score: number;
}

export function relatedArticles(model: SiteModel, article: Article, limit = 4): Related[] {
  const w = weights(model);
  const candidates = new Set<Article>();
  for (const entity of article.entities) {
    const group = model.entity(entity.slug);
    if (group && group.articles.length <= CANDIDATE_ENTITY_LIMIT) for (const other of group.articles) candidates.add(other);
  }
  for (const topic of article.topics) {
    const list = model.topic(topic.slug)?.articles ?? [];
    const at = w.topicPosition.get(topic.slug)?.get(article.slug) ?? 0;
    for (const other of list.slice(Math.max(0, at - TOPIC_WINDOW), at + TOPIC_WINDOW + 1)) candidates.add(other);
  }
  candidates.delete(article);

  const ownEntities = new Set(article.entities.map((e) => e.slug));
  const ownTopics = new Set(article.topics.map((t) => t.slug));
  const scored: Related[] = [];
  for (const other of candidates) {
    let score = 0;
    for (const entity of other.entities) if (ownEntities.has(entity.slug)) score += w.entity.get(entity.slug) ?? 0;
    for (const topic of other.topics) if (ownTopics.has(topic.slug)) score += w.topic.get(topic.slug) ?? 0;
    if (score > 0) scored.push({ article: other, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.article.date.getTime() - a.article.date.getTime() ||
      a.article.slug.localeCompare(b.article.slug),
  );
  return scored.slice(0, limit);
}
