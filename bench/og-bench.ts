/**
 * How long one thread takes to lay out a preview image (measuring its text with the font's
 * advances), to draw it and to encode it as PNG, on the titles of a generated corpus, glyphs
 * already rasterised and nothing written to disk:
 *
 *   node bench/og-bench.ts [--n 3000] [--rounds 5]
 *
 * Prints each round and the medians; run it on an otherwise idle machine (it does not check).
 * To compare two versions of the renderer, run it alternately in two copies of the project that
 * differ only in src/lib/og-renderer.ts. A build's log line "rendered in … ms on 1 worker thread"
 * times more: the worker's start, the first rasterising of each glyph, the writing of the files,
 * and all of it beside Astro rendering pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.ts';
import { whole } from './options.ts';
import { readContentTopics } from '../src/lib/content-files.ts';
import { createOgFontSet } from '../src/lib/og-font.ts';
import { createOgLayout, ogImageInput } from '../src/lib/og-layout.ts';
import { encodeIndexedPng } from '../src/lib/og-png.ts';
import { createOgRenderer } from '../src/lib/og-renderer.ts';
import { loadFonts } from '../src/integrations/og-fonts.ts';

const USAGE = 'usage: node bench/og-bench.ts [--n 3000] [--rounds 5]';

let n: number;
let rounds: number;
try {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '5' } } });
  n = whole('n', values.n, 1);
  rounds = whole('rounds', values.rounds, 1);
} catch (error) {
  console.error(`og-bench: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const folder = mkdtempSync(join(tmpdir(), 'og-bench-'));
try {
  const corpus = generateCorpus({ n, seed: 1, outDir: folder });
  const topicNames = new Map(readContentTopics(corpus.outDir).map((topic) => [topic.slug, topic.name]));
  const fontSet = createOgFontSet(loadFonts());
  const engine = createOgLayout(fontSet);
  const inputs = corpus.articles.map((article) =>
    ogImageInput({ title: article.title, date: new Date(`${article.date}T00:00:00Z`), topics: article.topics.map((id) => ({ name: topicNames.get(id) ?? id })) }),
  );
  const layouts = inputs.map((input) => engine.layout(input));
  const renderer = createOgRenderer(fontSet);
  // The first images rasterise each glyph; a build's first images do too, but only once.
  for (const layout of layouts) renderer.png(layout);

  const layingOut: number[] = [];
  const drawing: number[] = [];
  const encoding: number[] = [];
  let bytes = 0;
  for (let round = 1; round <= rounds; round += 1) {
    const laidOut = performance.now();
    for (const input of inputs) engine.layout(input);
    const layoutMs = performance.now() - laidOut;
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
    layingOut.push(layoutMs / n);
    drawing.push(drawMs / n);
    encoding.push(encodeMs / n);
    console.log(`round ${round}: layout ${(layoutMs / n).toFixed(3)} ms, drawing ${(drawMs / n).toFixed(3)} ms, encoding ${(encodeMs / n).toFixed(3)} ms per image`);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `${n} images (the titles of a seed-1 corpus), median of ${rounds} rounds: layout ${median(layingOut).toFixed(3)} ms, drawing ${median(drawing).toFixed(3)} ms, encoding ${median(encoding).toFixed(3)} ms per image; ${(bytes / n / 1024).toFixed(1)} KB a PNG`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
