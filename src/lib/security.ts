/**
 * The Content-Security-Policy, defined once. Astro writes it into every page as a <meta> tag
 * (astro.config.mjs) and the build writes the same policy to dist/_headers for hosts that read
 * one (Netlify, Cloudflare Pages), where frame-ancestors also applies: browsers ignore that
 * directive in a <meta> policy.
 *
 * Scripts: only files from this origin, never inline; Pagefind compiles WebAssembly, which
 * needs 'wasm-unsafe-eval' (not 'unsafe-eval'), and runs a worker from a blob: URL.
 */
/** A directive as Astro's `security.csp.directives` types it (script-src and style-src go elsewhere). */
type Directive = `${'default' | 'img' | 'font' | 'connect' | 'worker' | 'object' | 'frame'}-src ${string}` | `base-uri ${string}` | `form-action ${string}`;

export const cspDirectives: Directive[] = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
];

export const cspScriptSources = ["'self'", "'wasm-unsafe-eval'"];
export const cspStyleSources = ["'self'"];

/** The whole policy as one header value. */
export function cspHeader(): string {
  return [
    ...cspDirectives,
    `script-src ${cspScriptSources.join(' ')}`,
    `style-src ${cspStyleSources.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A _headers file (Netlify / Cloudflare Pages syntax) applying the policy to every path. */
export function headersFile(base: string): string {
  return [
    `${base}*`,
    `  Content-Security-Policy: ${cspHeader()}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  X-Frame-Options: DENY',
    '',
  ].join('\n');
}
