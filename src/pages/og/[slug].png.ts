/**
 * /og/<slug>.png: each article's social preview image (1200×630), linked from its og:image and
 * twitter:image tags. The images are made and cached by src/integrations/og-images.ts.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../../data/site-model.ts';
import { ogImageInput, type OgImageInput } from '../../lib/og-image.ts';
import { ogImages } from '../../integrations/og-images.ts';

export const getStaticPaths = (async () => {
  const model = await getSiteModel();
  const pages = model.articles.map((article) => ({ params: { slug: article.slug }, props: { input: ogImageInput(article) } }));
  // Astro asks every route for its paths before rendering any page, so the images missing from
  // the cache render on worker threads while the other pages are built. The dev server renders
  // each image when it is asked for.
  if (!import.meta.env.DEV) ogImages().prefetch(pages.map((page) => page.props.input));
  return pages;
}) satisfies GetStaticPaths;

interface Props {
  input: OgImageInput;
}

export const GET: APIRoute<Props> = async ({ props }) =>
  new Response(await ogImages().png(props.input), {
    headers: { 'Content-Type': 'image/png' },
  });
