/**
 * Marks the phases of `astro build` so scripts/astro-build.ts (and the benchmark) can report where
 * the time goes: content sync (config done → build start), page and feed rendering (build start →
 * generated) and the post-build steps. The marks go on globalThis because astro.config.mjs is
 * loaded in its own module graph, apart from the script that calls build().
 */
import type { AstroIntegration } from 'astro';

export type PhaseMarks = Partial<Record<'configDone' | 'buildStart' | 'generated' | 'feeds', number>>;

const KEY = '__newsroomBuildMarks';

export function buildMarks(): PhaseMarks {
  const store = globalThis as unknown as Record<string, PhaseMarks | undefined>;
  store[KEY] ??= {};
  return store[KEY];
}

export function mark(name: keyof PhaseMarks): void {
  buildMarks()[name] = performance.now();
}

/**
 * Adds the time from `started` to now to a span such as `feeds`. Pages render a few at a time
 * (build.concurrency), so such a span also holds whatever other pages ran while it waited.
 */
export function addSpan(name: 'feeds', started: number): void {
  const marks = buildMarks();
  marks[name] = (marks[name] ?? 0) + (performance.now() - started);
}

export default function buildTimings(): AstroIntegration {
  return {
    name: 'build-timings',
    hooks: {
      'astro:config:done': () => mark('configDone'),
      'astro:build:start': () => mark('buildStart'),
      'astro:build:generated': () => mark('generated'),
    },
  };
}
