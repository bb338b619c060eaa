/**
 * ISO 8601 weeks, as the weekly digest groups articles: a week runs Monday to Sunday and belongs
 * to the year that holds its Thursday, so 2020-12-31 is in 2020-W53, 2021-01-03 too, and
 * 2024-12-30 is in 2025-W01. Days are calendar days in UTC, as everywhere on the site
 * (src/lib/dates.ts), so a build gives the same weeks in every time zone.
 */

export interface IsoWeek {
  /** The ISO week-numbering year, which differs from the calendar year for a few days around 1 January. */
  year: number;
  /** 1–53 */
  week: number;
}

const DAY = 86_400_000;

/** The day's number in the ISO week: Monday 1 … Sunday 7. */
function isoWeekday(date: Date): number {
  return date.getUTCDay() || 7;
}

/** The ISO week a calendar day falls in. */
export function isoWeekOf(date: Date): IsoWeek {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  // The week's Thursday decides its year; week 1 is the week with the year's first Thursday.
  const thursday = new Date(day + (4 - isoWeekday(date)) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return { year, week };
}

/** How many ISO weeks a year has: 53 when it has 53 Thursdays' worth of weeks, else 52. */
export function weeksInYear(year: number): number {
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))).week;
}

/** The Monday that starts an ISO week. */
export function weekStart({ year, week }: IsoWeek): Date {
  // 4 January is always in week 1.
  const fourth = new Date(Date.UTC(year, 0, 4));
  return new Date(fourth.getTime() - (isoWeekday(fourth) - 1) * DAY + (week - 1) * 7 * DAY);
}

/** The Sunday that ends an ISO week. */
export function weekEnd(week: IsoWeek): Date {
  return new Date(weekStart(week).getTime() + 6 * DAY);
}

/** "2024-W47": the week's name in URLs, file names and on the command line. */
export function weekKey({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

export const WEEK_KEY_FORM = 'YYYY-Www, e.g. 2024-W47';
/** A week key as written in URLs and file names. */
export const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/**
 * The week a key names, or the reason it names none: a key must be written YYYY-Www and the
 * week must exist (2020-W53 does, 2021-W53 does not).
 */
export function parseWeekKey(text: string): IsoWeek | { problem: string } {
  const match = WEEK_KEY.exec(text);
  if (!match) return { problem: `"${text}" is not a week; write it as ${WEEK_KEY_FORM}` };
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = weeksInYear(year);
  if (week < 1 || week > weeks) return { problem: `${text} does not exist; ${year} has weeks 01 to ${weeks}` };
  return { year, week };
}

/** Whether a parse gave a week. */
export function isWeek(value: IsoWeek | { problem: string }): value is IsoWeek {
  return !('problem' in value);
}

/** Orders weeks newest first. */
export function byNewestWeek(a: IsoWeek, b: IsoWeek): number {
  return b.year - a.year || b.week - a.week;
}

/**
 * Whether a week is over, so its digest may be sent: once an article is dated after its Sunday,
 * or earlier when the editor says it is ready. The date of the newest article stands in for
 * "now", so the answer comes from the content, never from the clock.
 */
export function isWeekOver(week: IsoWeek, newestArticle: Date | undefined, ready = false): boolean {
  if (ready) return true;
  return newestArticle !== undefined && newestArticle.getTime() > weekEnd(week).getTime();
}

export interface WeekGroup<T> extends IsoWeek {
  key: string;
  items: T[];
}

/**
 * Items grouped by the ISO week of their date, newest week first; each week keeps the order
 * the items came in.
 */
export function groupByWeek<T>(items: readonly T[], dateOf: (item: T) => Date): WeekGroup<T>[] {
  const weeks = new Map<string, WeekGroup<T>>();
  for (const item of items) {
    const week = isoWeekOf(dateOf(item));
    const key = weekKey(week);
    let group = weeks.get(key);
    if (!group) weeks.set(key, (group = { ...week, key, items: [] }));
    group.items.push(item);
  }
  return [...weeks.values()].sort(byNewestWeek);
}
