/**
 * Global setup for the build suite: makes the fixture content folder (content/ plus test
 * articles) and builds it with the real `npm run build` pipeline into .cache/fixture/dist.
 */
import { appendFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { FILLER_AUTHOR, FILLER_COUNT, FILLER_PREFIX, FILLER_TOPIC, fixtureContent, fixtureDist, fixtureRoot, root } from './paths.ts';
import { buildSite } from './run-build.ts';

export function makeFixtureContent(): void {
  rmSync(fixtureRoot, { recursive: true, force: true });
  mkdirSync(`${fixtureContent}/articles`, { recursive: true });
  cpSync(`${root}content`, fixtureContent, { recursive: true });
  cpSync(`${root}tests/fixtures/articles`, `${fixtureContent}/articles`, { recursive: true });
  // An author with enough articles for several listing pages and monthly feed archives, and a
  // name and link that must be escaped; the hostile-markup article is theirs too.
  appendFileSync(
    `${fixtureContent}/authors.yaml`,
    `\n- id: ${FILLER_AUTHOR}\n  name: Desk <Reporter> & "Co"\n  role: Summit desk\n  bio: Reports every round of talks.\n  sameAs: ['https://example.org/desk?a=1&b=<2>']\n`,
  );
  for (let n = 1; n <= FILLER_COUNT; n += 1) {
    const day = String(1 + (n % 28)).padStart(2, '0');
    writeFileSync(
      `${fixtureContent}/articles/${FILLER_PREFIX}${String(n).padStart(3, '0')}.md`,
      `---\ntitle: Filler summit report number ${n}\ndate: 2023-${String(1 + (n % 12)).padStart(2, '0')}-${day}\ntopics: [${FILLER_TOPIC}]\n${n % 2 === 0 ? `authors: [${FILLER_AUTHOR}]\n` : ''}---\n\nDelegates met for round ${n} of talks on technology governance.\n`,
    );
  }
}

/** Both the build and the browser suites need the fixture; build it once per test run. */
export default async function setup(): Promise<void> {
  // Names this run for builds that test files share (tests/helpers/variant-build.ts).
  process.env.NEWSROOM_TEST_RUN ??= `${process.pid}-${Date.now()}`;
  if (process.env.NEWSROOM_FIXTURE_BUILT) return;
  makeFixtureContent();
  await buildSite(fixtureContent, fixtureDist);
  process.env.NEWSROOM_FIXTURE_BUILT = '1';
}
