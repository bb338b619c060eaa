/**
 * How long one thread takes to draw a preview image and to encode it as PNG, on the titles of a
 * generated corpus, glyphs already rasterised and nothing written to disk:
 *
 *   node scripts/og-bench.ts [--n 3000] [--rounds 5]
 *
 * Prints each round and the medians; run it on an otherwise idle machine (it does not check).
 * To compare two versions of the renderer, run it alternately in two copies of the project that
 * differ only in src/lib/og-render.ts. A build's log line "rendered in … ms on 1 worker thread"
 * times more: the worker's start, the first rasterising of each glyph, the writing of the files,
 * and all of it beside Astro rendering pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../bench/generate-corpus.ts';
import { readContentTopics } from './lib/content-files.ts';
import { encodeIndexedPng, ogImageInput, ogImageLayout } from '../src/lib/og-image.ts';
import { createOgRenderer } from '../src/lib/og-render.ts';
import { loadFonts } from '../src/integrations/og-images.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number of at least 1`);
  return value;
}

const n = option('n', 3000);
const rounds = option('rounds', 5);
const folder = mkdtempSync(join(tmpdir(), 'og-bench-'));
try {
  const corpus = generateCorpus({ n, seed: 1, outDir: folder });
  const topicNames = new Map(readContentTopics(corpus.outDir).map((topic) => [topic.slug, topic.name]));
  const layouts = corpus.articles.map((article) =>
    ogImageLayout(ogImageInput({ title: article.title, date: new Date(`${article.date}T00:00:00Z`), topics: article.topics.map((id) => ({ name: topicNames.get(id) ?? id })) })),
  );
  const renderer = createOgRenderer(loadFonts());
  // The first images rasterise each glyph; a build's first images do too, but only once.
  for (const layout of layouts) renderer.png(layout);

  const drawing: number[] = [];
  const encoding: number[] = [];
  let bytes = 0;
  for (let round = 1; round <= rounds; round += 1) {
    let drawMs = 0;
    let encodeMs = 0;
    bytes = 0;
    for (const layout of layouts) {
      const started = performance.now();
      const { rows, palette } = renderer.indexed(layout);
      const drawn = performance.now();
      bytes += encodeIndexedPng(rows, layout.width, layout.height, palette).length;
      encodeMs += performance.now() - drawn;
      drawMs += drawn - started;
    }
    drawing.push(drawMs / n);
    encoding.push(encodeMs / n);
    console.log(`round ${round}: drawing ${(drawMs / n).toFixed(3)} ms, encoding ${(encodeMs / n).toFixed(3)} ms per image`);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `${n} images (the titles of a seed-1 corpus), median of ${rounds} rounds: drawing ${median(drawing).toFixed(3)} ms, encoding ${median(encoding).toFixed(3)} ms per image; ${(bytes / n / 1024).toFixed(1)} KB a PNG`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
