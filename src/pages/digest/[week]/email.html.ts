/** A week's email edition, as email clients render it (src/lib/digest-email.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { digestWeekRoutes, htmlResponse } from '../../../data/digest-routes.ts';
import { digestEmailHtml } from '../../../lib/digest-email.ts';
import type { DigestWeek } from '../../../lib/weekly-digest.ts';
import { keyed } from '../../../lib/page-key.ts';

export const getStaticPaths = (async () => keyed(await digestWeekRoutes())) satisfies GetStaticPaths;

export const GET: APIRoute<{ week: DigestWeek }> = ({ props }) => htmlResponse(digestEmailHtml(props.week));
