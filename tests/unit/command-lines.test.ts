/**
 * The scripts' command lines (node:util parseArgs): a mistyped option is refused with a usage
 * line and exit code 2 before anything is read or written, and the defaults follow the same
 * environment variables as the build.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'command-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function node(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run build', () => {
  it('refuses an option or an argument, and builds nothing', async () => {
    const outDir = join(dir, 'never-built');
    for (const args of [['--out', 'x'], ['site']]) {
      const outcome = await node(['scripts/build.ts', ...args], { OUT_DIR: outDir });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(/^build: .*'(--out|site)'/);
      expect(outcome.stderr).toContain('usage: npm run build');
    }
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('npm run audit', () => {
  it('refuses an unknown option and a second folder', async () => {
    const unknown = await node(['scripts/audit.ts', '--page']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^audit: Unknown option '--page'/);
    const two = await node(['scripts/audit.ts', 'dist', 'other']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^audit: give one built site folder, not 2\nusage: /);
  });

  it('audits OUT_DIR when given no folder', async () => {
    const content = join(dir, 'content');
    mkdirSync(join(content, 'articles'), { recursive: true });
    cpSync(join(root, 'content/topics.yaml'), join(content, 'topics.yaml'));
    const outDir = join(dir, 'out');
    mkdirSync(join(outDir, 'articles/stray'), { recursive: true });
    writeFileSync(join(outDir, 'articles/stray/index.html'), '<p>stray</p>');
    const outcome = await node(['scripts/audit.ts'], { CONTENT_DIR: content, OUT_DIR: outDir });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('/articles/stray/ has no source');
  });
});

describe('npm run import', () => {
  it('reads the topics and writes the articles of CONTENT_DIR unless told otherwise', async () => {
    const content = join(dir, 'import-content');
    mkdirSync(content, { recursive: true });
    for (const name of ['topics.yaml', 'entities.yaml']) cpSync(join(root, 'content', name), join(content, name));
    const outcome = await node(['scripts/import.ts', 'tests/fixtures/china-tech-digest.txt', '--date', '2024-11-22', '--dry-run'], { CONTENT_DIR: content });
    expect(outcome.code).toBe(0);
    const planned = outcome.stdout.split('\n').filter((line) => line.startsWith('would write '));
    expect(planned.length).toBeGreaterThan(0);
    // Each line names the file, relative to the working folder, then its topics.
    const folders = planned.map((line) => dirname(resolve(root, line.slice('would write '.length).split('  ')[0])));
    expect(new Set(folders)).toEqual(new Set([join(content, 'articles')]));
  });
});

describe('node bench/og-bench.ts', () => {
  it('refuses a count that is not a positive whole number', async () => {
    const outcome = await node(['bench/og-bench.ts', '--n', '0']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^og-bench: --n needs a whole number of at least 1, got "0"\nusage: /);
  });
});
