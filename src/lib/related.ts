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
  /** Per entity, then per topic, in one numbering: its weight. */
  weight: Float64Array;
  /** Each entity's and topic's number. */
  number: Map<string, number>;
  /** Per article (by place in model.articles): the numbers of its entities, then of its topics. */
  features: Int32Array[];
  /** Each published article's place in model.articles. */
  index: Map<Article, number>;
  /** Per entity named by at most CANDIDATE_ENTITY_LIMIT articles: the places of its articles. */
  entityMembers: Map<string, number[]>;
  /** Per topic: the places of its articles, newest first. */
  topicMembers: Map<string, number[]>;
  /** Per topic: each article's rank in topicMembers, by slug. */
  topicPosition: Map<string, Map<string, number>>;
  /**
   * Scratch space reused by every call (a build asks for 10,000 lists): the call in which each
   * article last became a candidate, and the candidates of the current call.
   */
  seen: Int32Array;
  call: number;
  candidates: Int32Array;
  /** Scratch: the weight of each entity and topic the current article has, 0 for the others. */
  shared: Float64Array;
}

const cache = new WeakMap<SiteModel, Weights>();

/** Keys of an article's entities, then of its topics (an entity and a topic may share a slug). */
function featureKeys(article: Pick<Article, 'entities' | 'topics'>): string[] {
  return [...article.entities.map((e) => `e:${e.slug}`), ...article.topics.map((t) => `t:${t.slug}`)];
}

function weights(model: SiteModel): Weights {
  let cached = cache.get(model);
  if (!cached) {
    const total = model.articles.length || 1;
    const idf = (count: number) => Math.log(1 + total / Math.max(1, count));
    const index = new Map(model.articles.map((article, place) => [article, place]));
    const places = (articles: readonly Article[]) => articles.flatMap((article) => index.get(article) ?? []);
    const number = new Map(featureKeys(model).map((key, n) => [key, n]));
    const weight = Float64Array.from([
      ...model.entities.map((e) => idf(e.articles.length)),
      ...model.topics.map((t) => TOPIC_FACTOR * idf(t.articles.length)),
    ]);
    const numbersOf = (article: Article) => Int32Array.from(featureKeys(article).flatMap((key) => number.get(key) ?? []));
    cached = {
      weight,
      number,
      features: model.articles.map(numbersOf),
      index,
      entityMembers: new Map(
        model.entities.filter((e) => e.articles.length <= CANDIDATE_ENTITY_LIMIT).map((e) => [e.slug, places(e.articles)]),
      ),
      topicMembers: new Map(model.topics.map((t) => [t.slug, places(t.articles)])),
      topicPosition: new Map(
        model.topics.map((t) => [t.slug, new Map(t.articles.map((article, rank) => [article.slug, rank]))]),
      ),
      seen: new Int32Array(model.articles.length),
      call: 0,
      candidates: new Int32Array(model.articles.length),
      shared: new Float64Array(weight.length),
    };
    cache.set(model, cached);
  }
  return cached;
}

export interface Related {
  article: Article;
  score: number;
}

/** Higher score first, then newer, then by slug: a total order, so the list is stable. */
function better(a: Related, b: Related): number {
  return b.score - a.score || b.article.date.getTime() - a.article.date.getTime() || a.article.slug.localeCompare(b.article.slug);
}

export function relatedArticles(model: SiteModel, article: Article, wanted = 4): Related[] {
  const limit = Math.max(0, Math.floor(wanted));
  const w = weights(model);
  // Candidates are marked in an array rather than collected in a Set: with a few hundred per
  // article, hashing them was most of the cost.
  w.call += 1;
  const call = w.call;
  const self = w.index.get(article) ?? -1;
  let count = 0;
  const consider = (place: number) => {
    if (place === self || w.seen[place] === call) return;
    w.seen[place] = call;
    w.candidates[count] = place;
    count += 1;
  };
  for (const entity of article.entities) for (const place of w.entityMembers.get(entity.slug) ?? []) consider(place);
  for (const topic of article.topics) {
    const members = w.topicMembers.get(topic.slug) ?? [];
    const at = w.topicPosition.get(topic.slug)?.get(article.slug) ?? 0;
    const end = Math.min(members.length, at + TOPIC_WINDOW + 1);
    for (let rank = Math.max(0, at - TOPIC_WINDOW); rank < end; rank += 1) consider(members[rank]);
  }

  // A candidate's score adds the weights of what it shares, entities then topics, each in its own
  // order (so the sums, and the ties, are the same however it is computed).
  const own = featureKeys(article).flatMap((key) => w.number.get(key) ?? []);
  for (const n of own) w.shared[n] = w.weight[n];
  // The best `limit` so far, in order: a full sort of every candidate is not needed for four.
  const best: Related[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const place = w.candidates[i];
      const features = w.features[place];
      let score = 0;
      for (let f = 0; f < features.length; f += 1) score += w.shared[features[f]];
      if (score <= 0) continue;
      const candidate = { article: model.articles[place], score };
      if (best.length === limit && (limit === 0 || better(candidate, best[limit - 1]) >= 0)) continue;
      let at = best.length === limit ? limit - 1 : best.length;
      best[at] = candidate;
      for (; at > 0 && better(best[at], best[at - 1]) < 0; at -= 1) [best[at - 1], best[at]] = [best[at], best[at - 1]];
    }
  } finally {
    // The scratch array must be all zeros for the next call.
    for (const n of own) w.shared[n] = 0;
  }
  return best;
}
