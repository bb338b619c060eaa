/**
 * The social preview images (dist/og/<slug>.png, one per published article without a lead image) as a build step.
 *
 * - When the build starts, the list of images is read from content/ on a worker thread
 *   (src/integrations/og-articles.ts) and every image missing from the cache is rendered on
 *   worker threads (src/integrations/og-generator.ts) while Astro bundles and renders the pages.
 * - When the build is done, the list is checked against the article pages Astro wrote (each
 *   page announces its image), and each image is hard-linked (or copied) from the cache into
 *   dist/og/. Images are not an Astro route: a route costs about a millisecond of Astro's
 *   per-page work for each image, some 10 s on a 10,000-article archive.
 *
 * The dev server makes no images.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../lib/urls.ts';
import { site } from '../lib/site.ts';
import type { OgImageJob, OgImageList } from './og-articles.ts';
import { publish } from './og-cache.ts';
import { createOgImageGenerator, readOgImageJobsOffThread, type OgImageGenerator } from './og-generator.ts';

/** Site paths without their slashes, for comparing Astro's page list with the images. */
function bare(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/**
 * The article pages Astro built that have neither a preview image nor a lead image, and the
 * images no article page announces; both empty when they agree.
 */
export function unmatchedPages(
  { jobs, leadImaged }: { jobs: readonly OgImageJob[]; leadImaged: readonly string[] },
  pages: readonly { pathname: string }[],
): { noImage: string[]; noPage: string[] } {
  const articlePath = bare(paths.article('\u0000'));
  const [prefix, suffix] = articlePath.split('\u0000');
  const built = new Set(
    pages.map((page) => bare(page.pathname)).filter((path) => path.startsWith(prefix) && path.endsWith(suffix) && path.length > prefix.length + suffix.length),
  );
  const imaged = new Set(jobs.map((job) => bare(paths.article(job.slug))));
  const ownImage = new Set(leadImaged.map((slug) => bare(paths.article(slug))));
  return {
    noImage: [...built].filter((path) => !imaged.has(path) && !ownImage.has(path)).sort(),
    noPage: [...imaged].filter((path) => !built.has(path)).sort(),
  };
}

export default function ogImagesIntegration(): AstroIntegration {
  let building = false;
  let root = process.cwd();
  let generator: OgImageGenerator | undefined;
  let jobs: Promise<OgImageList> | undefined;

  return {
    name: 'og-images',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        building = command === 'build';
        root = fileURLToPath(config.root);
      },
      'astro:build:start': ({ logger }) => {
        if (!building) return;
        const contentDir = resolve(root, site.contentDir);
        const started = createOgImageGenerator({ log: (message) => logger.info(message) });
        generator = started;
        jobs = readOgImageJobsOffThread(contentDir).then((list) => {
          started.prefetch(list.jobs.map((job) => job.input));
          return list;
        });
        // Awaited in astro:build:done; a failure here must not go unhandled meanwhile.
        jobs.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (!generator || !jobs) return;
        const { jobs: list, leadImaged, problems } = await jobs;
        if (problems.length > 0) {
          // The build's audit names these problems and fails the build; a page-by-page
          // disagreement reported first would only hide them.
          await generator.close();
          logger.warn(`no preview images written: content/ has ${problems.length} problem(s), which the audit of npm run build names`);
          return;
        }
        const { noImage, noPage } = unmatchedPages({ jobs: list, leadImaged }, pages);
        if (noImage.length > 0 || noPage.length > 0) {
          await generator.close();
          throw new Error(
            `og images: the article pages and content/ disagree:` +
              (noImage.length > 0 ? `\n- pages without a preview image: ${noImage.slice(0, 10).join(', ')}${noImage.length > 10 ? ` and ${noImage.length - 10} more` : ''}` : '') +
              (noPage.length > 0 ? `\n- preview images without a page: ${noPage.slice(0, 10).join(', ')}${noPage.length > 10 ? ` and ${noPage.length - 10} more` : ''}` : ''),
          );
        }
        const distDir = fileURLToPath(dir);
        const target = (slug: string) => join(distDir, bare(paths.ogImage(slug)));
        for (const folder of new Set(list.map((job) => dirname(target(job.slug))))) mkdirSync(folder, { recursive: true });
        const started = performance.now();
        const images = generator;
        await Promise.all(list.map(async ({ slug, input }) => publish(await images.file(input), target(slug))));
        await images.close();
        logger.info(`wrote ${list.length} preview images in ${Math.round(performance.now() - started)} ms; ${images.summary()}`);
      },
    },
  };
}
