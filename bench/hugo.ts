/** The Hugo baseline: Debian's hugo over the same articles. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function hugoVersion(): string | null {
  try {
    const text = execFileSync('hugo', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /v(\d+\.\d+\.\d+)/.exec(text)?.[1] ?? text.trim();
  } catch {
    return null;
  }
}

/**
 * A small Hugo site over the same articles: article pages, topic taxonomy pages
 * paginated by 20, Hugo's built-in RSS and sitemap. No related-articles list: Hugo 0.111's
 * `.Related` made the build 13× slower at N = 10,000 (124 s against 9.6 s), which would measure
 * that feature rather than the generator.
 */
export function writeHugoSite(dir: string, articlesDir: string): void {
  const layouts = join(dir, 'layouts', '_default');
  mkdirSync(layouts, { recursive: true });
  writeFileSync(
    join(dir, 'hugo.toml'),
    `baseURL = "https://bench.example/"
languageCode = "en"
title = "Hugo baseline"
paginate = 20
[taxonomies]
  topic = "topics"
[module]
  [[module.mounts]]
    source = ${JSON.stringify(articlesDir)}
    target = "content/articles"
`,
  );
  writeFileSync(
    join(layouts, 'baseof.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ site.Title }}</title>
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}</head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "/topics/" | relURL }}">Topics</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
  );
  writeFileSync(
    join(layouts, 'single.html'),
    `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min read · {{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
`,
  );
  writeFileSync(
    join(layouts, 'list.html'),
    `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages.ByDate.Reverse).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time><p>{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary }}{{ end }}</p></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}
`,
  );
  writeFileSync(
    join(dir, 'layouts', 'index.html'),
    `{{ define "main" }}<h1>Latest</h1><ul>{{ range first 20 (where site.RegularPages "Section" "articles").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary }}{{ end }}</p></li>{{ end }}</ul>{{ end }}
`,
  );
}

