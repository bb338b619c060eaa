/**
 * Assigns topics to an imported article from the keywords in content/topics.yaml.
 *
 * The rule, in one place: a topic is assigned only on evidence, either
 *   - a keyword in the title (a headline says what a story is about), or
 *   - MIN_BODY_KEYWORDS different keywords in the body (one passing mention is context, not
 *     subject; nor is one word repeated, such as a wire story quoting "the embassy" as its source).
 * Topics with evidence are ordered by score (TITLE_WEIGHT per title mention, 1 per body mention)
 * and at most MAX_TOPICS are kept. An article without evidence for any topic gets none; its
 * candidates and their evidence are still in scoreTopics for whoever picks by hand.
 * Keywords match as whole words (see match.ts), so the keyword list carries the meaning:
 * "chip export", not "chip".
 */
import { findTerms } from './match.ts';

export interface TopicKeywords {
  slug: string;
  keywords: readonly string[];
}

export interface TopicScore {
  slug: string;
  /** TITLE_WEIGHT per title mention plus one per body mention. */
  score: number;
  /** Keyword mentions in the title and in the body. */
  titleHits: number;
  bodyHits: number;
  /** The keywords that matched, as listed in topics.yaml, each once, in order of first mention. */
  terms: string[];
  /** Whether the evidence is enough to assign the topic (see the rule above). */
  evidence: boolean;
  /** Where the first mention is: in the title, else in the body after the title (for ties). */
  firstMention: number;
}

export const TITLE_WEIGHT = 3;
export const MIN_TITLE_MENTIONS = 1;
export const MIN_BODY_KEYWORDS = 2;
export const MAX_TOPICS = 3;

/**
 * Every topic any keyword of which occurs, with its evidence: those with enough evidence first,
 * then by score; on a tie, the topic mentioned first (a headline leads with its subject).
 */
export function scoreTopics(title: string, body: string, topics: readonly TopicKeywords[]): TopicScore[] {
  const scores: TopicScore[] = [];
  for (const topic of topics) {
    const inTitle = findTerms(title, topic.keywords);
    const inBody = findTerms(body, topic.keywords);
    if (inTitle.length === 0 && inBody.length === 0) continue;
    scores.push({
      slug: topic.slug,
      score: TITLE_WEIGHT * inTitle.length + inBody.length,
      titleHits: inTitle.length,
      bodyHits: inBody.length,
      terms: [...new Set([...inTitle, ...inBody].map((hit) => hit.term))],
      evidence:
        inTitle.length >= MIN_TITLE_MENTIONS ||
        new Set(inBody.map((hit) => hit.term)).size >= MIN_BODY_KEYWORDS,
      firstMention: inTitle.length > 0 ? inTitle[0].index : title.length + 1 + inBody[0].index,
    });
  }
  return scores.sort(
    (a, b) =>
      Number(b.evidence) - Number(a.evidence) ||
      b.score - a.score ||
      a.firstMention - b.firstMention ||
      a.slug.localeCompare(b.slug),
  );
}

/** The article's topics, strongest first: those with evidence, at most MAX_TOPICS; [] when none has any. */
export function assignTopics(title: string, body: string, topics: readonly TopicKeywords[]): string[] {
  return scoreTopics(title, body, topics)
    .filter((entry) => entry.evidence)
    .slice(0, MAX_TOPICS)
    .map((entry) => entry.slug);
}

/** One line of evidence for a report: "space 4 (title 1, body 1: satellites, orbit)". */
export function describeScore(entry: TopicScore): string {
  return `${entry.slug} ${entry.score} (title ${entry.titleHits}, body ${entry.bodyHits}: ${entry.terms.join(', ')})`;
}
