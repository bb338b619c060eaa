/**
 * Runs one command and measures it from outside: wall time, CPU time and maximum RSS from GNU
 * time, the whole process tree's RSS sampled every 100 ms, and the CPU other processes took
 * meanwhile. Before each timed step the bench waits for the machine to be quiet.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { children, cleanup, OUT, state } from './context.ts';
import { fmtS } from './format.ts';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

/** Busy and total CPU time of the whole machine so far, in clock ticks, from /proc/stat. */
function cpuTicks(): { busy: number; total: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - fields[4], total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

const CLOCK_TICKS = 100;
const QUIET_BUSY = 0.25;

/** Before each timed step: waits (up to --max-wait seconds) until other processes leave the CPUs mostly idle. */
export async function waitForQuiet(label: string): Promise<{ waitedMs: number; busy: number }> {
  const started = performance.now();
  let told = false;
  for (;;) {
    const a = cpuTicks();
    await new Promise((r) => setTimeout(r, 1500));
    const b = cpuTicks();
    const busy = b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;
    const waitedMs = performance.now() - started;
    if (busy < QUIET_BUSY) {
      if (told) console.log(`    machine quiet again after ${fmtS(waitedMs)}`);
      return { waitedMs, busy };
    }
    if (waitedMs > state.maxWaitMs) {
      console.log(`    WARNING: still ${Math.round(busy * 100)}% busy after ${fmtS(waitedMs)}; timing ${label} anyway`);
      return { waitedMs, busy };
    }
    if (!told) console.log(`    waiting for other processes to leave the CPUs (${Math.round(busy * 100)}% busy) before ${label} …`);
    told = true;
  }
}


export interface Measured {
  ok: boolean;
  code: number | null;
  signal: string | null;
  wallMs: number;
  /** GNU time's maximum resident set size of the largest single process, bytes. */
  maxRssBytes: number | null;
  /** Largest sum of RSS over the whole process tree, sampled, bytes. */
  treePeakBytes: number;
  /** max of the two. */
  peakBytes: number;
  /** CPU seconds the command's own processes used (GNU time: user + system). */
  cpuS: number | null;
  /** Share of the machine's CPU time used by other processes while the command ran (0–1). */
  otherLoad: number | null;
  stdout: string;
  stderr: string;
  log: string;
}

const PAGE_SIZE = 4096;

/** Sum of the resident memory of pid and all its descendants, from /proc. */
function treeRss(rootPid: number): number {
  const kids = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(entry));
      kids.set(ppid, list);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      /* ended */
    }
    queue.push(...(kids.get(pid) ?? []));
  }
  return total;
}

export function run(label: string, command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Measured> {
  mkdirSync(join(OUT, 'logs'), { recursive: true });
  const log = join(OUT, 'logs', `${label}.log`);
  const logStream = createWriteStream(log);
  logStream.write(`$ ${Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v} `).join('')}${command} ${args.join(' ')}\n`);
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${label}.txt`);
  cleanup.add(timeFile);
  const [cmd, argv] = hasGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const ticksBefore = cpuTicks();
    const selfBefore = process.cpuUsage();
    const child = spawn(cmd, argv, {
      cwd: options.cwd ?? state.project,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      logStream.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      logStream.write(chunk);
    });
    let treePeak = 0;
    const sample = () => {
      if (child.pid) treePeak = Math.max(treePeak, treeRss(child.pid));
    };
    const sampler = setInterval(sample, 100);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      children.delete(child);
      const ticksAfter = cpuTicks();
      const self = process.cpuUsage(selfBefore);
      let cpuS: number | null = null;
      let maxRssBytes: number | null = null;
      if (hasGnuTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8');
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        if (match) maxRssBytes = Number(match[1]) * 1024;
        const exit = /Exit status: (\d+)/.exec(text);
        if (exit && code === 0) code = Number(exit[1]);
        const user = /User time \(seconds\): ([\d.]+)/.exec(text);
        const system = /System time \(seconds\): ([\d.]+)/.exec(text);
        if (user && system) cpuS = Number(user[1]) + Number(system[1]);
        logStream.write(`\n--- /usr/bin/time -v\n${text}`);
      }
      rmSync(timeFile, { force: true });
      cleanup.delete(timeFile);
      const machineBusyS = (ticksAfter.busy - ticksBefore.busy) / CLOCK_TICKS;
      const machineTotalS = (ticksAfter.total - ticksBefore.total) / CLOCK_TICKS;
      const otherLoad =
        cpuS === null || machineTotalS <= 0 ? null : Math.max(0, (machineBusyS - cpuS - (self.user + self.system) / 1e6) / machineTotalS);
      if (otherLoad !== null) logStream.write(`\n--- other processes used ${Math.round(otherLoad * 100)}% of the machine's CPU time meanwhile\n`);
      logStream.end();
      resolvePromise({
        cpuS,
        otherLoad,
        ok: code === 0,
        code,
        signal,
        wallMs,
        maxRssBytes,
        treePeakBytes: treePeak,
        peakBytes: Math.max(treePeak, maxRssBytes ?? 0),
        stdout,
        stderr,
        log,
      });
    });
  });
}
