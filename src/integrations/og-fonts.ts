/**
 * The preview images' font files, read from the @fontsource/inter package in node_modules (as
 * woff, which needs no Brotli; no network): Inter Bold in every subset the package lists, Latin
 * first, and Inter Medium (Latin) for the date. What each file covers is read from its cmap
 * (src/lib/og-font.ts), not listed here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OgFontFace } from '../lib/og-font.ts';

const require = createRequire(import.meta.url);
const PACKAGE = '@fontsource/inter';

export interface OgFontFile extends OgFontFace {
  /** The file's path inside the package, e.g. files/inter-latin-700-normal.woff. */
  file: string;
}

/** The package's subsets, its default (Latin) first, from its metadata.json. */
export function fontSubsets(): string[] {
  const metadata = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/metadata.json`), 'utf8')) as { id: string; subsets: string[]; defSubset: string };
  return [metadata.defSubset, ...metadata.subsets.filter((subset) => subset !== metadata.defSubset)];
}

/** The font files the images are set in, in the order faces are tried for a character. */
export function loadFonts(): OgFontFile[] {
  const files: { file: string; weight: 500 | 700 }[] = [
    ...fontSubsets().map((subset) => ({ file: `files/inter-${subset}-700-normal.woff`, weight: 700 as const })),
    { file: 'files/inter-latin-500-normal.woff', weight: 500 },
  ];
  return files.map(({ file, weight }) => ({ file, weight, data: readFileSync(require.resolve(`${PACKAGE}/${file}`)) }));
}
