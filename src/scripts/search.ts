/**
 * The search page: runs Pagefind in the browser and keeps the whole search (query, filters,
 * order) in the URL, so a search can be shared and the back button returns to it. Pagefind's
 * runtime loads only when a search starts (or the box gets focus), never on other pages. The
 * index comes in parts, one per year (src/scripts/part-search.ts): a search reads the newest
 * part first and older ones as far as its results need, and "Show more results" goes further back.
 */
import { countOf } from '../lib/counts.ts';
import { searchableQuery, type ResultRef, type SearchEngine, type SearchOptions } from './ranked-search.ts';
import { PART_FILTER, searchNewestFirst, searchOlder, type PartedIndex } from './part-search.ts';

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface Pagefind extends SearchEngine<ResultData> {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  /** Loads the index chunks a search for term would need, without searching. */
  preload(term: string, options?: Record<string, unknown>): Promise<void>;
}

/** The URL parameters of a search; select names match them. */
const FIELDS = ['q', 'topic', 'entity', 'year', 'sort'] as const;
type Field = (typeof FIELDS)[number];
type SearchState = Record<Field, string>;

/** Results per page; each needs its own fragment request, so more would cost a first search more bytes. */
const PAGE_SIZE = 10;
/**
 * Longer than the gap between a fast typist's keystrokes (~100 ms), so a search runs for the
 * finished word, not for every prefix: each prefix search fetches index chunks and result
 * fragments of its own. Short enough that results follow the last keystroke quickly.
 */
const DEBOUNCE_MS = 120;
/**
 * While the reader types, the index chunks for the query are fetched ahead of the debounced
 * search once its last word has this many letters: shorter prefixes span many chunks (bytes
 * for nothing), longer ones fall in the chunk of the finished word.
 */
const PRELOAD_MIN_LETTERS = 4;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function readState(): SearchState {
  const params = new URLSearchParams(location.search);
  return Object.fromEntries(FIELDS.map((field) => [field, params.get(field)?.trim() ?? ''])) as SearchState;
}

function stateUrl(state: SearchState): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (state[field]) params.set(field, state[field]);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

/** Copies Pagefind's excerpt as text plus <mark> elements only; nothing else from it reaches the page. */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  return Array.from(parsed.body.firstElementChild?.childNodes ?? []).map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = document.createElement('mark');
    mark.textContent = node.textContent;
    return mark;
  });
}

function renderResult(data: ResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement('p');
  meta.className = 'meta';
  if (data.meta.date) {
    const time = document.createElement('time');
    time.dateTime = data.meta.date;
    time.textContent = dateFormat.format(new Date(`${data.meta.date}T00:00:00Z`));
    meta.append(time);
  }
  const topics = data.filters.topic ?? [];
  if (topics.length > 0) meta.append(` · ${topics.join(', ')}`);
  const excerpt = document.createElement('p');
  excerpt.className = 'excerpt';
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('#search-form');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  const more = document.querySelector<HTMLButtonElement>('#search-more');
  if (!form || !status || !list || !more) return;
  const control = (field: Field) => form.elements.namedItem(field) as HTMLInputElement | HTMLSelectElement;
  const input = control('q') as HTMLInputElement;
  const bundle = form.dataset.bundle ?? '/pagefind/';
  const base = form.dataset.base ?? '/';
  // The index's parts, newest first (src/lib/search-parts.ts); the newest part's folder holds
  // Pagefind's runtime, and every other part is merged into it when a search needs it.
  const parts = (form.dataset.parts ?? '').split(/\s+/).filter(Boolean);
  const partOptions = (part: string) => ({ baseUrl: base, excerptLength: 24, mergeFilter: { [PART_FILTER]: part } });

  let pagefind: Promise<PartedIndex<ResultData> & { preload: Pagefind['preload'] }> | undefined;
  const loadPagefind = () => {
    pagefind ??= import(/* @vite-ignore */ `${bundle}${parts[0]}/pagefind.js`).then(async (module: Pagefind) => {
      await module.options(partOptions(parts[0]));
      await module.init();
      const merged = new Set([parts[0]]);
      // Merges run one at a time, in the order asked for.
      let merging = Promise.resolve();
      return {
        engine: module,
        preload: (term: string, options?: Record<string, unknown>) => module.preload(term, options),
        merged: () => merged,
        merge: (wanted: readonly string[]) => {
          merging = merging.then(async () => {
            for (const part of wanted) {
              if (merged.has(part)) continue;
              await module.mergeIndex(`${bundle}${part}/`, partOptions(part));
              merged.add(part);
            }
          });
          return merging;
        },
      };
    });
    return pagefind;
  };

  const formState = () => Object.fromEntries(FIELDS.map((field) => [field, control(field).value.trim()])) as SearchState;
  const fillForm = (state: SearchState) => {
    for (const field of FIELDS) {
      const element = control(field);
      element.value = state[field];
      // An unknown value (an old link, a typo) falls back to "any" rather than a blank select.
      if (element instanceof HTMLSelectElement && element.selectedIndex < 0) element.value = '';
    }
  };

  const titleOf = (data: ResultData) => data.meta.title;

  /** Pagefind filters for the chosen options, from the data attributes the page rendered. */
  function filtersFor(state: SearchState): { filters: Record<string, string>; labels: string[] } {
    const filters: Record<string, string> = {};
    const labels: string[] = [];
    for (const field of ['topic', 'entity', 'year'] as const) {
      const option = (control(field) as HTMLSelectElement).selectedOptions[0];
      if (!state[field] || !option?.dataset.filterKey || !option.dataset.filterValue) continue;
      filters[option.dataset.filterKey] = option.dataset.filterValue;
      labels.push(option.dataset.filterValue);
    }
    return { filters, labels };
  }

  /** The parts a search reads, newest first: for a year filter, that year's parts alone. */
  const partsFor = (filters: Record<string, string>) => (filters.year ? parts.filter((part) => part.slice(0, 4) === filters.year) : parts);

  let generation = 0;
  /**
   * The current search: its ranked results, how many of them are on the page, its parts and how
   * many of those (newest first) the results come from.
   */
  let current: { query: string; scope: string; options: SearchOptions; results: ResultRef<ResultData>[]; shown: number; parts: string[]; searched: number } = {
    query: '',
    scope: '',
    options: {},
    results: [],
    shown: 0,
    parts: [],
    searched: 0,
  };

  /** What the current search found; while older parts are not searched yet, the count is of the recent matches. */
  function statusText(): string {
    const { query, scope, results } = current;
    if (results.length === 0) return `No articles match “${query}”${scope}.`;
    if (current.searched < current.parts.length) return `${countOf(results.length, 'recent article matches', 'recent articles match')} “${query}”${scope}; older ones follow.`;
    return `${countOf(results.length, 'article matches', 'articles match')} “${query}”${scope}.`;
  }

  /**
   * Appends the next PAGE_SIZE results; returns the first new item, for focus. Every fragment is
   * requested at once, and each result shows as soon as it and those above it have arrived, so
   * the first result never waits for the slowest of ten.
   */
  async function showMore(run: number): Promise<HTMLLIElement | undefined> {
    if (current.shown >= current.results.length && current.searched < current.parts.length) {
      // Every result so far is on the page: the next older part with matches follows them.
      const engine = await loadPagefind();
      const older = await searchOlder(engine, current.parts, current.searched, current.query, current.options, titleOf);
      if (run !== generation) return undefined;
      current.results.push(...older.results);
      current.searched = older.searched;
    }
    const batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    const pending = batch.map((result) => result.data());
    // Awaited in order below; this only keeps a later failure from going unhandled.
    for (const each of pending) each.catch(() => undefined);
    let first: HTMLLIElement | undefined;
    for (const each of pending) {
      const data = await each;
      if (run !== generation) return undefined;
      const item = renderResult(data);
      list!.append(item);
      current.shown += 1;
      first ??= item;
    }
    more!.hidden = current.shown >= current.results.length && current.searched >= current.parts.length;
    return first;
  }

  async function run(state: SearchState): Promise<void> {
    const run = ++generation;
    more!.hidden = true;
    if (!state.q) {
      list!.replaceChildren();
      status!.textContent = '';
      return;
    }
    status!.textContent = 'Searching…';
    const { filters, labels } = filtersFor(state);
    try {
      const searchParts = partsFor(filters);
      const sort = state.sort === 'newest' ? ({ date: 'desc' } as const) : state.sort === 'oldest' ? ({ date: 'asc' } as const) : undefined;
      const options: SearchOptions = { filters, sort };
      const found =
        searchParts.length === 0
          ? { results: [], searched: 0 }
          : await searchNewestFirst(await loadPagefind(), searchParts, state.q, options, PAGE_SIZE, titleOf);
      if (run !== generation) return;
      current = { query: state.q, scope: '', options, results: found.results, shown: 0, parts: searchParts, searched: found.searched };
      list!.replaceChildren();
      await showMore(run);
      if (run !== generation) return;
      current.scope = labels.length > 0 ? ` in ${labels.join(', ')}` : '';
      status!.textContent = statusText();
    } catch (error) {
      if (run !== generation) return;
      list!.replaceChildren();
      status!.textContent = 'Search could not load. Reload the page to try again.';
      console.warn('search failed', error);
    }
  }

  // The button keeps focus while the next results load, and a second press meanwhile does
  // nothing; the guard belongs to one search, so a slow load never locks the next search's button.
  let loadingFor = -1;
  more.addEventListener('click', async () => {
    if (loadingFor === generation) return;
    const run = (loadingFor = generation);
    try {
      const before = status!.textContent;
      // Assistive technology waits for the list to settle rather than reading each result as it comes.
      list!.setAttribute('aria-busy', 'true');
      const first = await showMore(run);
      // Older parts searched: the count grows (a live region, so only when it changed).
      if (run === generation && statusText() !== before) status!.textContent = statusText();
      // Results appear one by one; a reader who has already moved into them keeps their place.
      if (document.activeElement === more || document.activeElement === document.body) first?.querySelector('a')?.focus();
    } catch (error) {
      if (run !== generation) return;
      status!.textContent = 'More results could not load. Try again.';
      console.warn('search failed', error);
    } finally {
      if (loadingFor === run) loadingFor = -1;
      list!.removeAttribute('aria-busy');
    }
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (push: boolean) => {
    clearTimeout(timer);
    const state = formState();
    const next = stateUrl(state);
    if (next !== `${location.pathname}${location.search}`) {
      if (push) history.pushState(null, '', next);
      else history.replaceState(null, '', next);
    }
    void run(state);
  };
  // Typing refines one search (replace); changing a filter or submitting is a new step (push).
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => update(false), DEBOUNCE_MS);
    const query = input.value.trim();
    if ((query.split(/\s+/).at(-1) ?? '').length >= PRELOAD_MIN_LETTERS) {
      if (parts.length === 0) return;
      void loadPagefind()
        .then((engine) => engine.preload(searchableQuery(query), { filters: filtersFor(formState()).filters }))
        .catch(() => undefined);
    }
  });
  for (const field of ['topic', 'entity', 'year', 'sort'] as const) control(field).addEventListener('change', () => update(true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update(true);
  });
  window.addEventListener('popstate', () => {
    const state = readState();
    fillForm(state);
    void run(state);
  });
  if (parts.length > 0) input.addEventListener('focus', () => void loadPagefind(), { once: true });

  const initial = readState();
  fillForm(initial);
  if (initial.q) void run(initial);
  else input.focus();
}
