/**
 * The content collections' loaders. Articles are found by Astro's glob loader, but their
 * frontmatter is read and checked with src/lib/content-schema.ts (the reader the audit and the
 * tests use), and a problem does not stop the check: every problem of every file, including
 * topics.yaml, entities.yaml and authors.yaml, is collected and thrown once, before anything renders.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { file, glob, type Loader, type LoaderContext } from 'astro/loaders';
import {
  checkArticle,
  checkDigest,
  ContentProblems,
  decodeUtf8,
  authorEntry,
  entityEntry,
  NOT_UTF8,
  parseAuthorsFile,
  parseDataFile,
  parseEntitiesFile,
  parseTopicsFile,
  referenceProblems,
  sameUrlProblem,
  splitArticle,
  topicEntry,
  withFile,
} from './lib/content-schema.ts';
import { leadImageFileProblems } from './lib/lead-image.ts';
import { articleSlugFromPath } from './lib/slug.ts';

/** The parts of Astro's entry types the glob loader calls (internal to Astro, so checked at load). */
interface EntryType {
  getEntryInfo(input: { contents: string; fileUrl: URL }): Promise<{ data: Record<string, unknown>; body: string; slug?: string; rawData?: string }>;
}

const shown = (path: string) => relative(process.cwd(), path);

/**
 * topics.yaml or entities.yaml through Astro's file loader, with the schema module's reader.
 * Only valid entries are stored; the articles loader reports the file's problems with all others.
 */
export function dataFileLoader(path: string, schema: typeof topicEntry | typeof entityEntry): Loader {
  return file(path, { parser: (text) => parseDataFile(text, path, schema).entries });
}

/** authors.yaml, which may be absent: then the collection is empty and every article is the newsroom's. */
export function authorsLoader(path: string): Loader {
  const inner = file(path, { parser: (text) => parseDataFile(text, path, authorEntry).entries });
  return {
    name: 'authors-loader',
    load: async (context: LoaderContext) => {
      if (existsSync(path)) return inner.load(context);
      context.store.clear();
    },
  };
}

export function articlesLoader(contentDir: string): Loader {
  const inner = glob({
    base: `${contentDir}/articles`,
    pattern: '**/*.md',
    generateId: ({ entry }) => articleSlugFromPath(entry),
    // Pages, feeds and search read the rendered HTML; the Markdown source would only add to the
    // content store every build loads (31 of its 72 MB at 10,000 articles).
    retainBody: false,
  });
  return {
    name: 'articles-loader',
    load: async (context: LoaderContext) => {
      // Named as the articles are, relative to the working folder.
      const topics = parseTopicsFile(shown(`${contentDir}/topics.yaml`));
      const entities = parseEntitiesFile(shown(`${contentDir}/entities.yaml`));
      const authors = parseAuthorsFile(shown(`${contentDir}/authors.yaml`));
      const known = { topics: topics.ids ?? undefined, entities: entities.ids ?? undefined, authors: authors.ids ?? undefined };
      const problems = new Map<string, string[]>();
      const report = (path: string, lines: string[]) => {
        if (lines.length === 0) return;
        const key = shown(path);
        problems.set(key, [...(problems.get(key) ?? []), ...lines]);
      };
      /** Files whose frontmatter could not be read: their data is not checked field by field. */
      const unreadable = new Set<string>();
      const rejected = new Set<string>();
      const fileById = new Map<string, string>();
      /** After the first load (in `astro dev`), a changed file with problems fails on its own. */
      let loaded = false;

      const entryTypes = (context as LoaderContext & { entryTypes: Map<string, EntryType> }).entryTypes;
      const markdown = entryTypes?.get('.md');
      if (!markdown) throw new Error('articles-loader: Astro gave no entry type for .md files');
      const readArticle: EntryType = {
        ...markdown,
        async getEntryInfo({ contents, fileUrl }) {
          const path = fileURLToPath(fileUrl);
          // Astro reads files as UTF-8, replacing bytes that are not; only then are the bytes checked.
          if (contents.includes('\uFFFD') && decodeUtf8(await readFile(fileUrl)) === null) report(path, [`${shown(path)}: ${NOT_UTF8}`]);
          try {
            const { data, body } = splitArticle(contents);
            // Trimmed as Astro's own Markdown entry type trims it.
            return { data, body: body.trim(), rawData: '' };
          } catch (error) {
            const problem = withFile(shown(path), (error as Error).message);
            if (loaded) throw new ContentProblems([problem]);
            report(path, [problem]);
            unreadable.add(path);
            return { data: {}, body: '', rawData: '' };
          }
        },
      };

      await inner.load({
        ...context,
        entryTypes: new Map(entryTypes).set('.md', readArticle),
        parseData: async (props) => {
          const path = props.filePath ?? props.id;
          const other = fileById.get(props.id);
          if (other) {
            const [first, second] = [other, path].sort();
            report(second, [sameUrlProblem(shown(second), props.id, shown(first))]);
          } else {
            fileById.set(props.id, path);
          }
          const checked = unreadable.has(path) ? { problems: [] } : checkArticle(props.data, shown(path), loaded ? known : {});
          // The image file is checked here, so a missing or small image is listed with every other problem.
          if (checked.data?.image) {
            const lines = await leadImageFileProblems(checked.data.image.src, path, shown(contentDir));
            checked.problems.push(...lines.map((line) => `${shown(path)}: ${line}`));
          }
          if (loaded && checked.problems.length > 0) throw new ContentProblems(checked.problems);
          report(path, checked.problems);
          if (problems.has(shown(path))) {
            rejected.add(props.id);
            return props.data;
          }
          return context.parseData(props);
        },
      } as LoaderContext);

      // Unknown topics and entities are checked on every stored article, including those the
      // glob loader kept from the cache without parsing again, since topics.yaml may have changed.
      for (const entry of context.store.values()) {
        if (rejected.has(entry.id) || !entry.filePath) continue;
        const data = entry.data as Parameters<typeof referenceProblems>[0];
        const lines = referenceProblems(data, known).map((line) => `${entry.filePath}: ${line}`);
        if (lines.length > 0) {
          report(entry.filePath, lines);
          rejected.add(entry.id);
        }
      }
      // Nothing rejected stays in the store, or the next build would take it from the cache unchecked.
      for (const id of rejected) context.store.delete(id);

      loaded = true;
      const all = [...topics.problems, ...entities.problems, ...authors.problems, ...[...problems.keys()].sort().flatMap((path) => problems.get(path)!)];
      if (all.length > 0) throw new ContentProblems(all);
    },
  };
}

/**
 * The editor's introductions to weekly digests, content/digests/<year>-W<week>.md: read with the
 * articles' reader, checked with the schema module, every problem of every file thrown at once.
 * The folder is optional; without it there are no introductions. Whether the file's name is a
 * week with articles is the model's check (src/lib/weekly-digest.ts), which knows the articles.
 */
export function digestsLoader(contentDir: string): Loader {
  const base = `${contentDir}/digests`;
  const inner = glob({ base, pattern: '*.md', generateId: ({ entry }) => entry.replace(/\.md$/i, '') });
  return {
    name: 'digests-loader',
    load: async (context: LoaderContext) => {
      if (!existsSync(base)) {
        context.store.clear();
        return;
      }
      const problems: string[] = [];
      const entryTypes = (context as LoaderContext & { entryTypes: Map<string, EntryType> }).entryTypes;
      const markdown = entryTypes?.get('.md');
      if (!markdown) throw new Error('digests-loader: Astro gave no entry type for .md files');
      const readIntroduction: EntryType = {
        ...markdown,
        async getEntryInfo({ contents, fileUrl }) {
          const path = fileURLToPath(fileUrl);
          if (contents.includes('\uFFFD') && decodeUtf8(await readFile(fileUrl)) === null) problems.push(`${shown(path)}: ${NOT_UTF8}`);
          try {
            const { data, body } = splitArticle(contents);
            return { data, body: body.trim(), rawData: '' };
          } catch (error) {
            problems.push(withFile(shown(path), (error as Error).message));
            return { data: {}, body: '', rawData: '' };
          }
        },
      };
      const rejected = new Set<string>();
      await inner.load({
        ...context,
        entryTypes: new Map(entryTypes).set('.md', readIntroduction),
        parseData: async (props) => {
          const checked = checkDigest(props.data, shown(props.filePath ?? props.id));
          if (checked.problems.length > 0) {
            problems.push(...checked.problems);
            rejected.add(props.id);
            return props.data;
          }
          return context.parseData(props);
        },
      } as LoaderContext);
      for (const id of rejected) context.store.delete(id);
      if (problems.length > 0) throw new ContentProblems([...problems].sort());
    },
  };
}
