/** The archive: published articles grouped by year and month, newest first, with counts. */
import { monthOf } from './dates.ts';
import type { Article } from './model.ts';

export interface ArchiveMonth {
  year: number;
  /** 1–12 */
  month: number;
  /** "March 2024" */
  label: string;
  articles: readonly Article[];
}

export interface ArchiveYear {
  year: number;
  count: number;
  months: readonly ArchiveMonth[];
}

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

export function monthLabel(month: number): string {
  return monthName.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** Expects articles newest first (as the model holds them) and keeps that order inside each month. */
export function archiveByMonth(articles: readonly Article[]): ArchiveYear[] {
  const years: { year: number; count: number; months: ArchiveMonth[] }[] = [];
  for (const article of articles) {
    const { year, month } = monthOf(article.date);
    let y = years.find((entry) => entry.year === year);
    if (!y) {
      y = { year, count: 0, months: [] };
      years.push(y);
    }
    let m = y.months.find((entry) => entry.month === month);
    if (!m) {
      m = { year, month, label: `${monthLabel(month)} ${year}`, articles: [] };
      y.months.push(m);
    }
    (m.articles as Article[]).push(article);
    y.count += 1;
  }
  for (const y of years) y.months.sort((a, b) => b.month - a.month);
  return years.sort((a, b) => b.year - a.year);
}
