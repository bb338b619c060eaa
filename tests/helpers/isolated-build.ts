/**
 * Builds the site from a private copy of the project, for tests that need builds of their own
 * (reproducibility, a sub-path deployment) while other tests may be building at the same time.
 *
 * Why a copy: Astro 7 writes its prerender chunks to `<root>/.astro/.prerender/` and its content
 * cache to `<root>/node_modules/.astro/`, both shared by every build of one root. Two builds of
 * the same root at once delete each other's chunks ("Cannot find module
 * .astro/.prerender/chunks/…"), and a warm content cache means a build is not clean. The copy
 * holds the working tree (sources, content, config, scripts: not dist/, caches or .git) and a
 * node_modules/ folder of symlinks to the project's packages, minus their caches, so each
 * build starts from nothing and touches nothing outside its copy and its OUT_DIR. The benchmark
 * (bench/) builds from such a copy too: it also pins the code measured to what it was when the
 * run started.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { root } from './paths.ts';

const run = promisify(execFile);

/** Top-level entries of the project that are build output, caches or history, never inputs. */
const NOT_INPUTS = /^(node_modules|\.git|\.astro|\.cache|dist|dist\..*|\.dist-.*|bench-out|.*\.log)$/;
/** The same below the top (bench/bare's own build output and caches, say). */
const NESTED_NOT_INPUTS = new Set(['node_modules', '.astro', '.cache', 'dist']);
/** Caches inside node_modules that a clean build must not inherit. */
const CACHES = new Set(['.astro', '.vite', '.vite-temp', '.cache', '.vitest-cache']);

/** Makes a fresh copy of the project in a temporary folder (named prefix…) and returns its path. */
export function copyProject(prefix = 'site-build-'): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => {
      const parts = relative(root, source).split(sep);
      if (parts[0] === '') return true;
      return parts.length === 1 ? !NOT_INPUTS.test(parts[0]) : !parts.some((part) => NESTED_NOT_INPUTS.has(part));
    },
  });
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (!CACHES.has(entry)) symlinkSync(join(root, 'node_modules', entry), join(copy, 'node_modules', entry));
  }
  return copy;
}

export interface BuildOptions {
  /** Where the site goes (absolute path). */
  outDir: string;
  /** Extra environment variables (BASE_PATH, SITE_URL, TZ …). */
  env?: Record<string, string>;
  /**
   * The social-image renderer's PNG cache. 'fresh' (default): a new, empty one in the copy,
   * for a clean build. 'shared': the project's node_modules/.cache/og-images, which is faster
   * when only the pages matter (it writes a temporary file and renames it, so sharing is safe).
   */
  imageCache?: 'fresh' | 'shared';
}

/**
 * Builds a fresh copy of the project into outDir with `node scripts/build.ts` (Astro, Pagefind,
 * audit, swap), as `npm run build` does, then deletes the copy. Resolves with what the build
 * printed; rejects with the build's output on failure.
 */
export async function buildIsolated({ outDir, env = {}, imageCache = 'fresh' }: BuildOptions): Promise<{ stdout: string; stderr: string }> {
  const copy = copyProject();
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/build.ts'], {
      cwd: copy,
      // Without OG_IMAGE_CACHE the social-image renderer keeps its PNGs in the project's
      // node_modules/.cache/og-images (it resolves the real node_modules, not the symlinks).
      env: {
        ...process.env,
        OUT_DIR: outDir,
        BUILD_LOG_LEVEL: 'silent',
        ...(imageCache === 'fresh' ? { OG_IMAGE_CACHE: join(copy, '.og-image-cache') } : {}),
        ...env,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`build of ${outDir} failed:\n${stderr}\n${stdout}`.trim());
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
