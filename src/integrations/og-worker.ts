/**
 * The preview images' worker threads, started by src/integrations/og-generator.ts: a `render`
 * worker loads the font once and renders each image it is sent into the cache; a `read` worker
 * reads the build's list of images from content/ (src/integrations/og-articles.ts) and sends it
 * back, so that reading 10,000 Markdown files does not hold up Astro on the main thread.
 * Node runs this TypeScript file directly.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createOgFontSet } from '../lib/og-font.ts';
import { createOgLayout, type OgImageInput } from '../lib/og-layout.ts';
import { createOgRenderer } from '../lib/og-renderer.ts';
import { readOgImageJobs, type OgImageList } from './og-articles.ts';
import { writeAtomically } from './og-cache.ts';
import { loadFonts } from './og-fonts.ts';

export const WORKER_MARK = 'og-image-worker';

export type WorkerData = { mark: typeof WORKER_MARK } & ({ role: 'render' } | { role: 'read'; contentDir: string; siteName?: string });

export interface RenderJob {
  id: number;
  input: OgImageInput;
  file: string;
}

export type RenderReply = { id: number; error?: string };

export type ReadReply = { list: OgImageList } | { error: string };

export type Render = (input: OgImageInput) => Buffer;

/** A renderer for this thread: loads the font once and keeps its glyphs between images. */
export function createRenderer(): Render {
  const fontSet = createOgFontSet(loadFonts());
  const layout = createOgLayout(fontSet);
  const renderer = createOgRenderer(fontSet);
  return (input) => renderer.png(layout.layout(input));
}

const data = workerData as WorkerData | null;
if (!isMainThread && parentPort && data?.mark === WORKER_MARK) {
  const port = parentPort;
  if (data.role === 'read') {
    let reply: ReadReply;
    try {
      reply = { list: readOgImageJobs(data.contentDir, data.siteName) };
    } catch (error) {
      reply = { error: (error as Error).stack ?? String(error) };
    }
    port.postMessage(reply);
  } else {
    let render: Render | undefined;
    port.on('message', (job: RenderJob) => {
      const reply: RenderReply = { id: job.id };
      try {
        render ??= createRenderer();
        writeAtomically(job.file, render(job.input));
      } catch (error) {
        reply.error = (error as Error).stack ?? String(error);
      }
      port.postMessage(reply);
    });
  }
}
