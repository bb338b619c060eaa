/**
 * Runs a Node script (or a package's launcher) in a child process with the same Node, and
 * collects what it printed. The build runs Pagefind and the page audit this way, side by side.
 */
import { spawn } from 'node:child_process';

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface NodeChild {
  /** Resolves when the child has exited. */
  done: Promise<NodeRun>;
  /** Writes `line` (if given) to the child's standard input and ends it. */
  release(line?: string): void;
  /** Stops the child (its result is then of no use). */
  stop(): void;
}

/** Starts the child with its standard input open, for a child that waits for release(). */
export function startNode(args: readonly string[]): NodeChild {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  // A child that has already exited must not turn the release into an unhandled EPIPE.
  child.stdin.on('error', () => undefined);
  const done = new Promise<NodeRun>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { done, release: (line) => child.stdin.end(line === undefined ? undefined : `${line}\n`), stop: () => child.kill() };
}

export function runNode(args: readonly string[]): Promise<NodeRun> {
  const child = startNode(args);
  child.release();
  return child.done;
}
