/**
 * The built HTML of dist/ and of the fixture site passes two independent validators with zero
 * errors. Checked: every article written by hand (the seed's and the fixture's hostile-markup and
 * Markdown-heavy ones) and, for every other kind of page (home, 404, topic, topic page N, entity,
 * archive month, search, feeds, …), the largest one of that kind. The fixture's filler
 * articles and the other pages of a kind come from the same templates with other words.
 *
 * - the Nu HTML Checker (npm `vnu-jar`, run with the machine's Java): the W3C/WHATWG
 *   conformance checker, the reference for what valid HTML is (content models, attribute
 *   values, URLs, duplicate ids, …). Warnings fail too; its "info" notes do not. It also
 *   checks the built CSS and the SVG favicon.
 * - html-validate with its recommended preset: rules Nu does not have (accessible names,
 *   WCAG techniques, unique landmarks, heading levels, implicit button types, …).
 *
 * One JVM checks the chosen files of both sites at once; html-validate runs in-process.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { pageKind, pagesOfEachKind } from '../helpers/dist.ts';
import { FILLER_PREFIX, fixtureDist, siteDist } from '../helpers/paths.ts';

/** Every article page but the fixture's fillers. */
const handWritten = (file: string) => file.startsWith('articles/') && !file.startsWith(`articles/${FILLER_PREFIX}`);

const sites = [
  { name: 'site (dist/)', distDir: siteDist, pages: pagesOfEachKind(siteDist, handWritten) },
  { name: 'fixture', distDir: fixtureDist, pages: pagesOfEachKind(fixtureDist, handWritten) },
];

/** The checker itself; the package's postinstall (which would download a Java) is not needed and not run. */
const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';

async function javaAvailable(): Promise<boolean> {
  try {
    await promisify(execFile)(JAVA, ['-version']);
    return true;
  } catch {
    if (process.env.CI) throw new Error(`Java is required in CI for the Nu HTML Checker but "${JAVA} -version" failed (apt-get install -y default-jre-headless)`);
    console.warn(`Skipping the Nu HTML Checker: no Java ("${JAVA} -version" failed). Install it with: apt-get install -y default-jre-headless`);
    return false;
  }
}

interface NuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

/**
 * Nu also evaluates each page's <meta> Content-Security-Policy, with two false positives here:
 * - it reads the pages as file: URLs, so `'self'` never matches and every same-origin
 *   stylesheet, script or image ("external stylesheet “/_astro/…” blocked by “style-src”") is
 *   reported as blocked;
 * - it reports the JSON-LD `<script type="application/ld+json">` as a blocked inline script,
 *   but a data block never runs: HTML's "prepare the script element" returns for a non-script
 *   type before it asks CSP, and Chromium loads these pages with no CSP report.
 * Only those two are dropped; any other CSP warning (say an inline script) still fails. The
 * policy is tested where it is enforced, in Chromium (tests/browser/).
 */
function nuCspFalsePositive(m: NuMessage): boolean {
  if (!/violates Content Security Policy \(meta tag\)/.test(m.message)) return false;
  if (/^Resource violates Content Security Policy \(meta tag\): [\w ]+ “\/(?!\/)/.test(m.message)) return true;
  return /^Inline script violates/.test(m.message) && /<script type="application\/ld\+json">/.test(m.extract ?? '');
}

/** Runs vnu.jar once over all files; returns its messages. It exits non-zero when it finds errors, so the exit code is not used. */
function runNu(files: string[]): Promise<NuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      JAVA,
      ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--also-check-css', '--also-check-svg', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          resolve((JSON.parse(stdout) as { messages: NuMessage[] }).messages);
        } catch {
          reject(new Error(`vnu.jar gave no JSON report: ${error?.message ?? ''}\n${stderr}`));
        }
      },
    );
  });
}

/**
 * html-validate's recommended preset, plus the document rules that suit complete pages, minus
 * three rules about how the generated text is laid out rather than whether it is correct:
 * - no-trailing-whitespace: Astro's compressHTML leaves "… </time> \n· 1 min read" in
 *   src/pages/articles/[slug].astro, a space before a newline inside a paragraph, which
 *   renders as one space;
 * - void-style: sanitize-html writes `<img … />` in article bodies; Nu reports the slash as
 *   info only ("has no effect"), the element is the same either way;
 * - long-title: an SEO length heuristic (70 characters) that article headlines plus the site
 *   name exceed; titles are editorial, not markup.
 */
const HTML_VALIDATE_CONFIG: ConfigData = {
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    'missing-doctype': 'error',
    'heading-level': 'error',
    'input-missing-label': 'error',
    'no-missing-references': 'error',
    'no-trailing-whitespace': 'off',
    'void-style': 'off',
    'long-title': 'off',
  },
};

const hasJava = await javaAvailable();

/** Every file Nu checks for one site: its pages, its built stylesheets and its favicon. */
function nuInputs(distDir: string, pages: string[]): string[] {
  const assets = readdirSync(join(distDir, '_astro'))
    .filter((name) => name.endsWith('.css'))
    .map((name) => join(distDir, '_astro', name));
  return [...pages.map((page) => join(distDir, page)), ...assets, join(distDir, 'favicon.svg')];
}

/** One JVM for both sites (its start-up is most of the cost), started on first use. */
let nuRun: Promise<NuMessage[]> | undefined;
const nuMessages = () => (nuRun ??= runNu(sites.flatMap(({ distDir, pages }) => nuInputs(distDir, pages))));

/** The file a Nu message is about, as a path; '' for a message about no file. */
const nuFile = (m: NuMessage) => (m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '');

/** Kinds of page (pageKind) the validated sample must hold, so that the validators see every template. */
const KINDS = ['404.html', 'index.html', 'articles/*', 'topics', 'topics/*', 'entities/*', 'authors', 'authors/*', 'archive/N/N', 'search', 'feeds'];

describe.each(sites)('$name', ({ distDir, pages }) => {
  // The checks below are only as good as the sample: a page of every kind, and no filler article
  // (the hand-written articles already cover the article template).
  const kinds = new Set(pages.map(pageKind));
  const sampleProblems = [
    ...KINDS.filter((kind) => !kinds.has(kind)).map((kind) => `no page of kind ${kind}`),
    ...pages.filter((page) => page.startsWith(`articles/${FILLER_PREFIX}`)).map((page) => `the filler article ${page}`),
  ];
  if (sampleProblems.length > 0) throw new Error(`${distDir}: the pages to validate have ${sampleProblems.join('; ')}`);

  it.runIf(hasJava)('passes the Nu HTML Checker with no error and no warning on any page, stylesheet or the favicon', async () => {
    const problems = (await nuMessages())
      .filter((m) => nuFile(m) === '' || nuFile(m).startsWith(`${distDir}/`))
      .filter((m) => m.type !== 'info' || m.subType === 'warning')
      .filter((m) => !nuCspFalsePositive(m))
      .map((m) => `${nuFile(m).slice(distDir.length + 1) || '(no file)'}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.subType ?? m.type}: ${m.message}${m.extract ? `\n    ${m.extract.trim()}` : ''}`);
    expect(problems).toEqual([]);
  });

  it('passes html-validate (recommended preset) on every page', async () => {
    const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateFile(join(distDir, page));
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${page}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
