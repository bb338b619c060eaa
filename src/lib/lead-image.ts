/**
 * Lead images: where an article's image file may be, how wide it must be, and how the article
 * page shows it (the props for Astro's <Picture> and the caption line). No Astro imports, so the
 * rules are tested directly; the page only renders what leadImageView returns.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import sharp from 'sharp';
import { site } from './site.ts';

/** Narrower images would be upscaled for a 2x desktop column and for the 1200x630 share card. */
export const MIN_LEAD_IMAGE_WIDTH = 1200;

/** Widths of the srcset: a 375 px phone at 1x and 2x, the desktop column (40rem) at 1x and 2x. */
export const LEAD_IMAGE_WIDTHS = [375, 640, 750, 1280] as const;
/** The column is the viewport less 1rem padding each side, up to the 42rem measure. */
export const LEAD_IMAGE_SIZES = '(max-width: 42rem) calc(100vw - 2rem), 40rem';

const inside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
};

/**
 * `image.src: problem` lines for the file an article's `image.src` names: it must be next to the
 * article (or in a folder below it) or under <contentDir>/images/, exist, be an image, and be at
 * least MIN_LEAD_IMAGE_WIDTH pixels wide.
 */
export async function leadImageFileProblems(src: string, articleFile: string, contentDir: string): Promise<string[]> {
  const path = resolve(dirname(articleFile), src);
  if (!inside(dirname(resolve(articleFile)), path) && !inside(resolve(contentDir, 'images'), path)) {
    return [`image.src: ${src} must be next to the article or under ${contentDir}/images/`];
  }
  if (!existsSync(path)) return [`image.src: ${src} does not exist`];
  let width: number | undefined;
  try {
    ({ width } = await sharp(path).metadata());
  } catch {
    return [`image.src: ${src} cannot be read as an image`];
  }
  if (!width || width < MIN_LEAD_IMAGE_WIDTH) {
    return [`image.src: ${src} is ${width ?? 0} px wide; a lead image must be at least ${MIN_LEAD_IMAGE_WIDTH} px wide`];
  }
  return [];
}

/** An article's lead image as the model keeps it; `src` is whatever the image service takes. */
export interface LeadImage<Src = unknown> {
  src: Src;
  alt: string;
  caption?: string;
  credit?: string;
}

/** What the article page renders: the <Picture> props and the figure's caption and credit. */
export function leadImageView<Src extends { width: number; height: number }>(image: LeadImage<Src>) {
  // The largest candidate is the 2x column; width and height keep the box's shape before it loads.
  const width = Math.min(image.src.width, LEAD_IMAGE_WIDTHS[LEAD_IMAGE_WIDTHS.length - 1]);
  const height = Math.round((width * image.src.height) / image.src.width);
  return {
    picture: {
      src: image.src,
      alt: image.alt,
      width,
      height,
      formats: ['avif', 'webp'] as ('avif' | 'webp')[],
      fallbackFormat: 'jpg' as const,
      widths: LEAD_IMAGE_WIDTHS.filter((candidate) => candidate <= image.src.width),
      sizes: LEAD_IMAGE_SIZES,
      loading: 'eager' as const,
      fetchpriority: 'high' as const,
      decoding: 'async' as const,
    },
    caption: image.caption,
    credit: image.credit,
  };
}

/** Thumbnail widths in listings: 7.5rem (120 px) at 1x and 2x. */
export const THUMBNAIL_WIDTHS = [120, 240] as const;

/**
 * A listing's small copy of an article's lead image. It repeats what the linked title says, so it
 * is decorative (alt ""), and lazy: listings are long and the titles come first.
 */
export function thumbnailView<Src extends { width: number; height: number }>(image: LeadImage<Src>) {
  const width = THUMBNAIL_WIDTHS[0];
  return {
    src: image.src,
    alt: '',
    width,
    height: Math.round((width * image.src.height) / image.src.width),
    formats: ['avif', 'webp'] as ('avif' | 'webp')[],
    fallbackFormat: 'jpg' as const,
    widths: [...THUMBNAIL_WIDTHS],
    sizes: `${width}px`,
    loading: 'lazy' as const,
    decoding: 'async' as const,
    class: 'article-thumb',
  };
}

/** A crop of the lead image for social cards and search results, once the image service made it. */
export interface ShareImage {
  /** Site-relative path of the cropped file. */
  path: string;
  width: number;
  height: number;
}

/**
 * The crops social networks and search engines ask for: the 1200x630 card (og:image,
 * twitter:image), then 4:3 and 1:1 for JSON-LD. Each is the largest of its shape the file holds,
 * at most the target size, since the image service never enlarges.
 */
export const SHARE_SHAPES = [
  { width: 1200, height: 630 },
  { width: 1200, height: 900 },
  { width: 1200, height: 1200 },
] as const;

export function shareCrops(src: { width: number; height: number }): { width: number; height: number }[] {
  return SHARE_SHAPES.map((shape) => {
    const scale = Math.min(1, src.width / shape.width, src.height / shape.height);
    return { width: Math.floor(shape.width * scale), height: Math.floor(shape.height * scale) };
  });
}

/** The site-relative path of a file the image service emitted, whose address includes the base path. */
export function emittedPath(address: string, base: string = site.base): string {
  if (!address.startsWith(base)) throw new Error(`image service: ${address} is not under the base path ${base}`);
  return `/${address.slice(base.length)}`;
}

/** A lead image as feeds carry it: the file itself, with the byte length an RSS enclosure states. */
export interface FeedImage {
  /** Site-relative path of the emitted file. */
  path: string;
  type: string;
  length: number;
  width: number;
  height: number;
}

/**
 * The feed image of a lead image from the image service's metadata: the original file, which the
 * build copies unchanged (so its length is the source file's), not a resized copy made later.
 */
export function feedImage(src: { src: string; width: number; height: number; format: string; fsPath?: string }): FeedImage {
  if (!src.fsPath) throw new Error(`image service: no source file for ${src.src}`);
  return {
    path: emittedPath(src.src),
    type: `image/${src.format === 'jpg' ? 'jpeg' : src.format}`,
    length: statSync(src.fsPath).size,
    width: src.width,
    height: src.height,
  };
}
