/**
 * Marks the phases of `astro build` so scripts/astro-build.ts (and the benchmark) can report where
 * the time goes: content sync (config done → build start), page and feed rendering (build start →
 * generated) and the post-build steps. The marks go on globalThis because astro.config.mjs is
 * loaded in its own module graph, apart from the script that calls build().
 */
import type { AstroIntegration } from 'astro';

type Mark = 'configDone' | 'buildStart' | 'generated';
type Span = 'feeds';

/** Moments (performance.now()) of the phase boundaries, and the length in ms of each span. */
export type PhaseMarks = Partial<Record<Mark | Span, number>>;

interface Timings {
  marks: PhaseMarks;
  /** Per span: how many of its pieces are running, and since when at least one has been. */
  open: Partial<Record<Span, { running: number; since: number }>>;
}

const KEY = '__newsroomBuildMarks';

function timings(): Timings {
  const store = globalThis as unknown as Record<string, Timings | undefined>;
  store[KEY] ??= { marks: {}, open: {} };
  return store[KEY];
}

export function buildMarks(): PhaseMarks {
  return timings().marks;
}

export function mark(name: Mark): void {
  buildMarks()[name] = performance.now();
}

/**
 * Starts one piece of a span such as `feeds` (one feed endpoint) and returns the function that
 * ends it. Pages render a few at a time (build.concurrency), so pieces overlap: the span counts
 * the time during which at least one piece was running, once, and that time also holds the
 * pages that ran while a piece waited.
 */
export function beginSpan(name: Span): () => void {
  const { marks, open } = timings();
  const state = (open[name] ??= { running: 0, since: 0 });
  if (state.running === 0) state.since = performance.now();
  state.running += 1;
  return () => {
    state.running -= 1;
    if (state.running === 0) marks[name] = (marks[name] ?? 0) + (performance.now() - state.since);
  };
}

export default function buildTimings(): AstroIntegration {
  return {
    name: 'build-timings',
    hooks: {
      'astro:config:done': () => mark('configDone'),
      'astro:build:start': () => {
        mark('buildStart');
        timings().marks.feeds = 0;
        timings().open = {};
      },
      'astro:build:generated': () => mark('generated'),
    },
  };
}
