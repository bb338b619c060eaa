/**
 * --profile: after the timed builds, this site's Astro step (its image cache warm, so no image is
 * drawn) and the bare one under `node --cpu-prof`, not timed, and their CPU self time summed by
 * package and by function over every thread's profile.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { binPath } from './builds.ts';
import { OUT, ROOT, state } from './context.ts';
import { waitForQuiet, run } from './measure.ts';

export interface ProfileSummary {
  /** Self time by function, over every thread's profile (the main thread and worker threads run at once). */
  self: { name: string; ms: number; pct: number }[];
  byPackage: { name: string; ms: number; pct: number }[];
  threads: { file: string; ms: number }[];
  totalMs: number;
  dir: string;
}

export function summariseProfile(dir: string): ProfileSummary | null {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort() : [];
  if (files.length === 0) return null;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const threads: { file: string; ms: number }[] = [];
  let total = 0;
  for (const name of files) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    let threadTotal = 0;
    for (const [id, us] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === '(idle)') continue;
      threadTotal += us;
      const short = url.replace(/^file:\/\//, '').replace(`${state.project}/`, '').replace(`${ROOT}/`, '');
      const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
      fn.set(key, (fn.get(key) ?? 0) + us);
      const pkgName =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(short)?.[1] ??
        // Astro bundles the pages, components and src/lib into .prerender/ in the output folder.
        (/(^|\/)\.prerender\//.test(short) ? 'the built site (pages, components, src/lib)' : null) ??
        (short.startsWith('src/') || short.startsWith('scripts/') ? short.split('/').slice(0, 2).join('/') : short ? (short.startsWith('node:') ? 'node internals' : short) : /^\(.*\)$/.test(functionName) ? functionName : 'native calls (file system, text encoding, hashing)');
      pkg.set(pkgName, (pkg.get(pkgName) ?? 0) + us);
    }
    threads.push({ file: name, ms: Math.round(threadTotal / 1000) });
    total += threadTotal;
  }
  const top = (map: Map<string, number>, k: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }));
  return { self: top(fn, 25), byPackage: top(pkg, pkg.size), threads, totalMs: Math.round(total / 1000), dir };
}


/** Profiles both Astro steps on the corpus in `content`; null when a profiled build failed. */
export async function profileBuilds(n: number, work: string, content: string, ogCache: string): Promise<{ site: ProfileSummary; bare: ProfileSummary } | null> {
  const profDir = join(OUT, 'profiles', String(n));
  rmSync(profDir, { recursive: true, force: true });
  await waitForQuiet('the profiled builds');
  console.log(`profiling both Astro steps with --cpu-prof (not timed; this site's with its image cache warm) → ${profDir}`);
  const site = await run(`${n}-profile-site`, process.execPath, ['--cpu-prof', '--cpu-prof-dir', join(profDir, 'site'), 'scripts/astro-build.ts', join(state.project, '.cache', `profile-${n}`)], {
    // BUILD_CACHE empty: Astro's step does all its work, as in the cold build.
    env: { CONTENT_DIR: content, OG_IMAGE_CACHE: ogCache, BUILD_CACHE: join(work, 'profile-build-cache') },
  });
  const bare = await run(`${n}-profile-bare`, process.execPath, ['--cpu-prof', '--cpu-prof-dir', join(profDir, 'bare'), binPath('astro'), 'build', '--root', 'bench/bare'], {
    env: { CONTENT_DIR: content, BARE_OUT_DIR: join(work, 'bare-profile'), BARE_CACHE_DIR: join(work, 'bare-profile-cache') },
  });
  const siteProfile = site.ok ? summariseProfile(join(profDir, 'site')) : null;
  const bareProfile = bare.ok ? summariseProfile(join(profDir, 'bare')) : null;
  if (siteProfile && bareProfile) return { site: siteProfile, bare: bareProfile };
  console.log('    a profiled build failed (see bench-out/logs/*-profile-*.log): no profile');
  return null;
}
