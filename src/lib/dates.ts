/**
 * Dates as the site shows and sends them. Articles carry calendar days, not instants,
 * so everything is computed in UTC and a build gives the same output in every time zone.
 */

/** A Date for a real YYYY-MM-DD calendar day, or null (2024-02-30 is null, not 1 March). */
export function parseIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** The calendar month a day falls in, as the archive pages and the feed archives group by. */
export function monthOf(date: Date): { year: number; month: number } {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/**
 * A formatter remembered per instant: a large archive shows the same few thousand days on
 * hundreds of thousands of list items, so each day is formatted once.
 */
function memoised(format: (date: Date) => string): (date: Date) => string {
  const seen = new Map<number, string>();
  return (date) => {
    const time = date.getTime();
    let text = seen.get(time);
    if (text === undefined) {
      text = format(date);
      seen.set(time, text);
    }
    return text;
  };
}

/** 2024-11-22 */
export const isoDay = memoised((date) => date.toISOString().slice(0, 10));

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 22 November 2024 */
export const displayDate = memoised((date) => longDate.format(date));
