/** A week's email edition as plain text, the HTML edition's twin. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { digestWeekRoutes, textResponse } from '../../../data/digest-routes.ts';
import { digestEmailText } from '../../../lib/digest-email.ts';
import type { DigestWeek } from '../../../lib/weekly-digest.ts';
import { keyed } from '../../../lib/page-key.ts';

export const getStaticPaths = (async () => keyed(await digestWeekRoutes())) satisfies GetStaticPaths;

export const GET: APIRoute<{ week: DigestWeek }> = ({ props }) => textResponse(digestEmailText(props.week));
