/**
 * The search page: runs Pagefind in the browser and keeps the query in the URL, so a search
 * can be shared and the back button returns to it. Only this page loads any JavaScript.
 */

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(
    query: string,
    options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<{ results: { id: string; data(): Promise<ResultData> }[] } | null>;
}

interface SearchState {
  q: string;
  topic: string;
  sort: string;
}

const RESULTS_SHOWN = 20;
const DEBOUNCE_MS = 120;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function readState(): SearchState {
  const params = new URLSearchParams(location.search);
  return { q: params.get('q') ?? '', topic: params.get('topic') ?? '', sort: params.get('sort') ?? '' };
}

function stateUrl(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.topic) params.set('topic', state.topic);
  if (state.sort) params.set('sort', state.sort);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

/** Copies Pagefind's excerpt as text plus <mark> elements only; nothing else from it reaches the page. */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  const nodes: Node[] = [];
  for (const node of Array.from(parsed.body.firstElementChild?.childNodes ?? [])) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent ?? ''));
    }
  }
  return nodes;
}

function renderResult(data: ResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
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
  item.append(meta);
  const excerpt = document.createElement('p');
  excerpt.className = 'excerpt';
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('#search-form');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  if (!form || !status || !list) return;
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const topic = form.elements.namedItem('topic') as HTMLSelectElement;
  const sort = form.elements.namedItem('sort') as HTMLSelectElement;
  const bundle = form.dataset.bundle ?? '/pagefind/';
  const base = form.dataset.base ?? '/';

  let pagefind: Promise<Pagefind> | undefined;
  const loadPagefind = () => {
    pagefind ??= import(/* @vite-ignore */ `${bundle}pagefind.js`).then(async (module: Pagefind) => {
      await module.options({ baseUrl: base, excerptLength: 24 });
      await module.init();
      return module;
    });
    return pagefind;
  };

  const formState = (): SearchState => ({ q: input.value.trim(), topic: topic.value, sort: sort.value });
  const fillForm = (state: SearchState) => {
    input.value = state.q;
    topic.value = state.topic;
    sort.value = state.sort;
  };

  let generation = 0;
  async function run(state: SearchState): Promise<void> {
    const current = ++generation;
    if (!state.q) {
      list!.replaceChildren();
      status!.textContent = '';
      return;
    }
    status!.textContent = 'Searching…';
    try {
      const engine = await loadPagefind();
      const search = await engine.search(state.q, {
        filters: state.topic ? { topic: state.topic } : undefined,
        sort: state.sort === 'newest' ? { date: 'desc' } : state.sort === 'oldest' ? { date: 'asc' } : undefined,
      });
      if (current !== generation || !search) return;
      const data = await Promise.all(search.results.slice(0, RESULTS_SHOWN).map((result) => result.data()));
      if (current !== generation) return;
      list!.replaceChildren(...data.map(renderResult));
      const count = search.results.length;
      const shown = count > RESULTS_SHOWN ? `, showing the first ${RESULTS_SHOWN}` : '';
      status!.textContent =
        count === 0
          ? `No articles match “${state.q}”${state.topic ? ` in ${state.topic}` : ''}.`
          : `${count} ${count === 1 ? 'article matches' : 'articles match'} “${state.q}”${state.topic ? ` in ${state.topic}` : ''}${shown}.`;
    } catch (error) {
      if (current !== generation) return;
      list!.replaceChildren();
      status!.textContent = 'Search could not load. Reload the page to try again.';
      console.warn('search failed', error);
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const state = formState();
      history.replaceState(null, '', stateUrl(state));
      void run(state);
    }, DEBOUNCE_MS);
  };
  input.addEventListener('input', onChange);
  topic.addEventListener('change', onChange);
  sort.addEventListener('change', onChange);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const state = formState();
    if (stateUrl(state) !== `${location.pathname}${location.search}`) history.pushState(null, '', stateUrl(state));
    void run(state);
  });
  window.addEventListener('popstate', () => {
    const state = readState();
    fillForm(state);
    void run(state);
  });
  input.addEventListener('focus', () => void loadPagefind(), { once: true });

  const initial = readState();
  fillForm(initial);
  if (initial.q) void run(initial);
  else input.focus();
}
