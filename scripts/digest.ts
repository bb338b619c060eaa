/**
 * `npm run digest -- 2024-W47`: prints the paths of a week's email edition in the built site
 * (dist/, or OUT_DIR), the HTML first and then its plain-text twin, one a line, for a newsroom's
 * script to hand to its mail tool. Run `npm run build` first. Exits with 1, saying why, for a
 * week written wrongly, one that does not exist, or one the build has no edition of.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../src/lib/urls.ts';
import { isWeek, parseWeekKey, WEEK_KEY, WEEK_KEY_FORM } from '../src/lib/weeks.ts';

/** The edition's files for a week, or the problem that stops it. */
export function editionFiles(distDir: string, key: string): { files: string[] } | { problem: string } {
  const week = parseWeekKey(key);
  if (!isWeek(week)) return { problem: week.problem };
  const files = [paths.digestEmailHtml(key), paths.digestEmailText(key)].map((path) => join(distDir, path));
  if (!existsSync(join(distDir, 'index.html'))) return { problem: `${distDir} holds no built site; run npm run build first` };
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    const weeks = existsSync(join(distDir, 'digest')) ? readdirSync(join(distDir, 'digest')).filter((name) => WEEK_KEY.test(name)).sort() : [];
    const known = weeks.length > 0 ? `; the weeks with articles run from ${weeks[0]} to ${weeks.at(-1)}` : '';
    return { problem: `${key} has no edition in ${distDir}: no article is dated in that week${known}` };
  }
  return { files };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args.length !== 1) {
    console.error(`usage: npm run digest -- <week>, the week written ${WEEK_KEY_FORM}`);
    process.exit(2);
  }
  const distDir = process.env.OUT_DIR ?? 'dist';
  const result = editionFiles(distDir, args[0]);
  if ('problem' in result) {
    console.error(`digest: ${result.problem}`);
    process.exit(1);
  }
  console.log(result.files.join('\n'));
}
