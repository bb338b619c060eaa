/**
 * The build's phase report: overlapping pieces of a span (feed endpoints rendered a few at a
 * time) count the time during which at least one of them ran, once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import buildTimings, { beginSpan, buildMarks } from '../../src/integrations/build-timings.ts';

function startBuild(): void {
  const hook = buildTimings().hooks['astro:build:start'] as unknown as () => void;
  hook();
}

describe('beginSpan', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
    startBuild();
  });
  afterEach(() => vi.useRealTimers());

  it('counts overlapping pieces once and adds up separate ones', () => {
    const endA = beginSpan('feeds');
    vi.advanceTimersByTime(10);
    const endB = beginSpan('feeds');
    vi.advanceTimersByTime(10);
    endA();
    expect(buildMarks().feeds, 'not closed while B runs').toBe(0);
    vi.advanceTimersByTime(10);
    endB();
    expect(buildMarks().feeds).toBe(30);
    vi.advanceTimersByTime(100);
    const endC = beginSpan('feeds');
    vi.advanceTimersByTime(5);
    endC();
    expect(buildMarks().feeds).toBe(35);
  });

  it('starts from zero at each build', () => {
    const end = beginSpan('feeds');
    vi.advanceTimersByTime(7);
    end();
    expect(buildMarks().feeds).toBe(7);
    startBuild();
    expect(buildMarks().feeds).toBe(0);
  });
});
