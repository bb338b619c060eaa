/**
 * What every part of the benchmark shares: where it writes, the project copy it builds from,
 * and the temporary folders and child processes to clean up if it is interrupted.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** results.json, logs/ and profiles/. */
export const OUT = join(ROOT, 'bench-out');
export const GiB = 2 ** 30;

export const state = {
  /** The private copy of the project every build runs in (bench/run.ts makes it). */
  project: ROOT,
  /** How many pages this site's Astro config renders at a time; the bare baseline keeps Astro's default, 1. */
  siteConcurrency: 1,
  /** Longest wait for other processes to leave the CPUs before a timed step (--max-wait). */
  maxWaitMs: 600_000,
};

/** Folders and files removed at the end, or on an interrupt. */
export const cleanup = new Set<string>();
/** Measured commands still running. */
export const children = new Set<ChildProcess>();

export function cleanUpAndExit(signal: NodeJS.Signals): void {
  for (const child of children) {
    try {
      // Each measured command runs in a process group of its own, which this kills.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  removeTemporaryFolders();
  console.error(`\nbenchmark interrupted (${signal}); removed its temporary folders`);
  process.exit(130);
}

export function removeTemporaryFolders(): void {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  cleanup.clear();
}
