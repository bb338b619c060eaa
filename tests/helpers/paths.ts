import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** The site as `npm run build` makes it from content/. */
export const siteDist = `${root}dist`;
/** A second build: content/ plus the fixtures in tests/fixtures/articles and generated filler articles. */
export const fixtureRoot = `${root}.cache/fixture`;
export const fixtureContent = `${fixtureRoot}/content`;
export const fixtureDist = `${fixtureRoot}/dist`;
/** Filler articles added to the fixture so that one topic has several pages. */
export const FILLER_TOPIC = 'diplomacy';
export const FILLER_COUNT = 125;
/** The fixture's author of every second filler article (tests/helpers/build-fixture.ts). */
export const FILLER_AUTHOR = 'summit-desk';
/** Filler articles are named filler-001.md, filler-002.md, …; their pages differ only in words. */
export const FILLER_PREFIX = 'filler-';
