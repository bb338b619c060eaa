/** The weekly digest's routes: one per week with a published article, from the site model. */
import { getSiteModel } from './site-model.ts';
import type { DigestWeek } from '../lib/weekly-digest.ts';

export async function digestWeekRoutes(): Promise<{ params: { week: string }; props: { week: DigestWeek } }[]> {
  return (await getSiteModel()).weeks.map((week) => ({ params: { week: week.key }, props: { week } }));
}

export function textResponse(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function htmlResponse(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
