/**
 * Assigns topics to an imported article from the keywords in content/topics.yaml.
 * A title mention weighs three times a body mention, because a headline says what
 * a story is about while the body also mentions context.
 */
import { countTerms } from './match.ts';

export interface TopicKeywords {
  slug: string;
  keywords: readonly string[];
}

export interface TopicScore {
  slug: string;
  score: number;
}

const TITLE_WEIGHT = 3;
const MIN_SCORE = 3;
const MAX_TOPICS = 3;

export function scoreTopics(title: string, body: string, topics: readonly TopicKeywords[]): TopicScore[] {
  return topics
    .map((topic) => ({
      slug: topic.slug,
      score: TITLE_WEIGHT * countTerms(title, topic.keywords) + countTerms(body, topic.keywords),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
}

/**
 * The article's topics, strongest first: every topic scoring at least MIN_SCORE (up to three),
 * or else the single best match. Returns [] only when no keyword occurs at all.
 */
export function assignTopics(title: string, body: string, topics: readonly TopicKeywords[]): string[] {
  const scores = scoreTopics(title, body, topics);
  const strong = scores.filter((entry) => entry.score >= MIN_SCORE).slice(0, MAX_TOPICS);
  if (strong.length > 0) return strong.map((entry) => entry.slug);
  return scores.slice(0, 1).map((entry) => entry.slug);
}
