/**
 * Debian's Python, for checks made with tools nobody on this project wrote: feedparser reads the
 * feeds as a feed reader would, and the calendar module counts ISO weeks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { root } from './paths.ts';

export const PYTHON = '/usr/bin/python3';

export const hasPython = existsSync(PYTHON);

/** Whether feedparser can run; in CI its absence is a failure, not a skip. */
export const hasFeedparser = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import feedparser'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('python3-feedparser is required in CI (apt-get install -y python3-feedparser)');
    console.warn(`Skipping feedparser checks: ${PYTHON} cannot import feedparser (apt-get install -y python3-feedparser)`);
    return false;
  }
})();

/** Each feed file as feedparser reads it (tests/helpers/read_feeds.py), by path. */
export function feedparser<Feed>(files: string[]): Record<string, Feed> {
  return JSON.parse(execFileSync(PYTHON, [`${root}tests/helpers/read_feeds.py`, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}
