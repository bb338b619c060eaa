/**
 * The search index is built in parts, one per year of publication, and the search page merges
 * them. A part bounds the memory of one Pagefind run, and a publish re-indexes only the part its
 * article belongs to. A year with more than PART_LIMIT articles is split by calendar quarter, and
 * a quarter still over the limit by month: fixed calendar bounds, so adding, editing or removing
 * one article never moves another article to another part (only crossing the limit reshapes
 * that one year). Parts are listed newest first: the order the search page reads them in.
 */

/** Most articles in one part (a month is never split further). */
export const PART_LIMIT = 4000;

export interface PartArticle {
  slug: string;
  /** Publication day, YYYY-MM-DD. */
  date: string;
}

export interface SearchPart {
  /** "2024", "2024-q3" or "2024-07": also the part's folder under the search bundle. */
  id: string;
  /** The part's articles, by slug in code-point order. */
  slugs: string[];
}

const DAY = /^(\d{4})-(\d{2})-\d{2}$/;

function monthOf(article: PartArticle): { year: string; month: number } {
  const match = DAY.exec(article.date);
  if (!match) throw new Error(`search parts: article "${article.slug}" has date "${article.date}", not YYYY-MM-DD`);
  return { year: match[1], month: Number(match[2]) };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups articles by key, keeping first-seen key order. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** Sortable start of a part id: "2024" and "2024-q1" and "2024-01" all start in January. */
function startOf(id: string): string {
  const [year, rest] = id.split('-');
  if (!rest) return `${year}-01`;
  if (rest.startsWith('q')) return `${year}-${String((Number(rest.slice(1)) - 1) * 3 + 1).padStart(2, '0')}`;
  return `${year}-${rest}`;
}

/** The parts of the published articles, newest first; every article is in exactly one. */
export function searchParts(articles: PartArticle[], limit = PART_LIMIT): SearchPart[] {
  const months = articles.map((article) => ({ article, ...monthOf(article) }));
  const parts: { id: string; articles: PartArticle[] }[] = [];
  for (const [year, inYear] of groupBy(months, (each) => each.year)) {
    if (inYear.length <= limit) {
      parts.push({ id: year, articles: inYear.map((each) => each.article) });
      continue;
    }
    for (const [quarter, inQuarter] of groupBy(inYear, (each) => `q${Math.ceil(each.month / 3)}`)) {
      if (inQuarter.length <= limit) {
        parts.push({ id: `${year}-${quarter}`, articles: inQuarter.map((each) => each.article) });
        continue;
      }
      for (const [month, inMonth] of groupBy(inQuarter, (each) => String(each.month).padStart(2, '0'))) {
        parts.push({ id: `${year}-${month}`, articles: inMonth.map((each) => each.article) });
      }
    }
  }
  return parts
    .map((part) => ({ id: part.id, slugs: part.articles.map((article) => article.slug).sort(byCodePoint) }))
    .sort((a, b) => byCodePoint(startOf(b.id), startOf(a.id)));
}

/** Where a part's index sits under the search bundle's folder, e.g. "2024/". */
export function partPath(id: string): string {
  return `${id}/`;
}
