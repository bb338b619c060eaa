/**
 * The weekly digest: the published articles of each ISO week (src/lib/weeks.ts), grouped by
 * topic, with a generated lead and the editor's optional introduction from
 * content/digests/<year>-W<week>.md. Every output of the digest (its pages, feeds and email
 * editions) reads these weeks, so they cannot disagree about what a week held.
 */
import { byNewest, type Article, type TopicDef } from './model.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { displayDate } from './dates.ts';
import { countOf } from './counts.ts';
import { groupByWeek, isWeek, isWeekOver, parseWeekKey, weekEnd, weekKey, weekStart, WEEK_KEY_FORM, type IsoWeek } from './weeks.ts';

/** An editor's introduction as the digests collection hands it over. */
export interface IntroductionInput {
  /** The file's name without .md: the week it introduces. */
  id: string;
  /** Path of the source file, for error messages. */
  file: string;
  ready?: boolean;
  /** The Markdown rendered to HTML, before sanitising. */
  html: string;
}

export interface DigestTopic {
  topic: TopicDef;
  /** The week's articles whose first topic this is, newest first. */
  articles: readonly Article[];
}

export interface DigestWeek extends IsoWeek {
  /** "2024-W47" */
  key: string;
  /** Monday and Sunday of the week. */
  start: Date;
  end: Date;
  /** "Week 47, 2024" */
  title: string;
  /** "18–24 November 2024" */
  dates: string;
  /** The week's published articles, newest first. */
  articles: readonly Article[];
  /** The articles under their first topic, topics in the order of topics.yaml. */
  topics: readonly DigestTopic[];
  /** "10 stories this week: 4 on chips, 3 on telecoms and 3 on trade and sanctions." */
  lead: string;
  /** The editor's introduction, sanitised as articles are. */
  introduction?: string;
  /** Whether the week is over (or the editor says it is ready): only then is it in the digest feeds. */
  over: boolean;
  /** The week's newest article date: when its digest is dated in the feeds. */
  published: Date;
  /** The newest update among its articles, if later than `published`. */
  updated?: Date;
  /** The weeks with articles just before and after, if any: what a week's page links to. */
  older?: WeekLink;
  newer?: WeekLink;
}

/** A link to a week: its address and title, not the week itself, so no week holds another. */
export type WeekLink = Pick<DigestWeek, 'key' | 'title'>;

/** "18–24 November 2024", "28 October – 3 November 2024", "30 December 2024 – 5 January 2025". */
export function weekDates(start: Date, end: Date): string {
  const [startDay, startMonth, startYear] = displayDate(start).split(' ');
  const full = displayDate(end);
  if (startYear !== end.getUTCFullYear().toString()) return `${displayDate(start)} – ${full}`;
  if (start.getUTCMonth() !== end.getUTCMonth()) return `${startDay} ${startMonth} – ${full}`;
  return `${startDay}–${full}`;
}

/** A topic's name inside a sentence: "chips", "artificial intelligence", but "AI" stays "AI". */
function inSentence(name: string): string {
  return /^\p{Lu}\p{Lu}/u.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** "a, b and c" */
function listed(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The lead: how many stories, and how many on each topic, most first (ties in topics.yaml order). */
export function digestLead(topics: readonly DigestTopic[]): string {
  const total = topics.reduce((sum, group) => sum + group.articles.length, 0);
  const counts = topics
    .map((group, index) => ({ group, index }))
    .sort((a, b) => b.group.articles.length - a.group.articles.length || a.index - b.index)
    .map(({ group }) => `${group.articles.length} on ${inSentence(group.topic.name)}`);
  const stories = countOf(total, 'story', 'stories');
  return topics.length === 1 ? `${stories} this week, on ${inSentence(topics[0].topic.name)}.` : `${stories} this week: ${listed(counts)}.`;
}

/** A week's articles under their first topic, topics in the order given. */
export function groupByFirstTopic(articles: readonly Article[], topicDefs: readonly TopicDef[]): DigestTopic[] {
  const byTopic = new Map<string, Article[]>(topicDefs.map((topic) => [topic.slug, []]));
  for (const article of articles) {
    const first = article.topics[0];
    if (first) byTopic.get(first.slug)?.push(article);
  }
  return topicDefs
    .filter((topic) => byTopic.get(topic.slug)!.length > 0)
    .map((topic) => ({ topic, articles: byTopic.get(topic.slug)!.sort(byNewest) }));
}

export interface DigestWeeks {
  /** Every week with a published article, newest first. */
  weeks: DigestWeek[];
  /** Problems with the introductions, one `file: problem` line each. */
  problems: string[];
}

/**
 * The digest's weeks from the published articles (newest first, as the model holds them) and the
 * editor's introductions. An introduction for a week that does not exist or has no article is
 * a problem naming its file.
 */
export function digestWeeks(articles: readonly Article[], topicDefs: readonly TopicDef[], introductions: readonly IntroductionInput[] = []): DigestWeeks {
  const problems: string[] = [];
  const groups = groupByWeek(articles, (article) => article.date);
  const withArticles = new Set(groups.map((group) => group.key));
  const introByWeek = new Map<string, IntroductionInput>();
  for (const intro of introductions) {
    const week = parseWeekKey(intro.id);
    if (!isWeek(week)) {
      problems.push(`${intro.file}: the file name must be the week it introduces (${WEEK_KEY_FORM}): ${week.problem}`);
    } else if (!withArticles.has(weekKey(week))) {
      problems.push(`${intro.file}: ${intro.id} has no published article; an introduction needs a week with articles`);
    } else {
      introByWeek.set(intro.id, intro);
    }
  }
  const newest = articles.reduce<Date | undefined>((latest, article) => (!latest || article.date > latest ? article.date : latest), undefined);
  const weeks = groups.map((group): DigestWeek => {
    const start = weekStart(group);
    const end = weekEnd(group);
    const topics = groupByFirstTopic(group.items, topicDefs);
    const intro = introByWeek.get(group.key);
    const introduction = intro ? sanitizeArticleHtml(intro.html).trim() : '';
    let published = group.items[0].date;
    let updated: Date | undefined;
    for (const article of group.items) {
      if (article.date > published) published = article.date;
      if (article.updated && (!updated || article.updated > updated)) updated = article.updated;
    }
    return {
      year: group.year,
      week: group.week,
      key: group.key,
      start,
      end,
      title: `Week ${group.week}, ${group.year}`,
      dates: weekDates(start, end),
      articles: group.items,
      topics,
      lead: digestLead(topics),
      ...(introduction ? { introduction } : {}),
      over: isWeekOver(group, newest, intro?.ready === true),
      published,
      ...(updated && updated > published ? { updated } : {}),
    };
  });
  const link = (week: DigestWeek | undefined): WeekLink | undefined => week && { key: week.key, title: week.title };
  weeks.forEach((week, index) => {
    week.newer = link(weeks[index - 1]);
    week.older = link(weeks[index + 1]);
  });
  return { weeks, problems };
}
