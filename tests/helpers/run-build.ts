/**
 * The tests' one way to build a site from content of their own: `node scripts/build.ts` (what
 * `npm run build` runs) for a content folder into an output folder, Astro's log silenced (its
 * errors still print).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { root } from './paths.ts';
import { stagingDir } from '../../scripts/lib/build-cache.ts';

export interface BuildOutcome {
  /** The build's exit code: 0 when it succeeded. */
  code: number;
  /** What the build printed: stdout, then stderr. */
  output: string;
  /** The build's staging folder, which it must remove when it fails. */
  staging: string;
}

/**
 * Builds contentDir into outDir; resolves with the outcome, failed or not. The build's caches go
 * beside outDir (outDir + '.build-cache'), so a test's temporary folder holds all it wrote.
 */
export function runBuild(contentDir: string, outDir: string, env: Record<string, string> = {}): Promise<BuildOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['scripts/build.ts'],
      { cwd: root, env: { ...process.env, CONTENT_DIR: contentDir, OUT_DIR: outDir, BUILD_CACHE: `${outDir}.build-cache`, BUILD_LOG_LEVEL: 'silent', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}`, staging: stagingDir(outDir) });
      },
    );
  });
}

/** Builds contentDir into outDir; throws with what the build printed when it fails. */
export async function buildSite(contentDir: string, outDir: string): Promise<void> {
  const { code, output } = await runBuild(contentDir, outDir);
  if (code !== 0) throw new Error(`the build of ${contentDir} failed (exit code ${code}):\n${output}`);
}
