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

/** 2024-11-22 */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 22 November 2024 */
export function displayDate(date: Date): string {
  return longDate.format(date);
}
