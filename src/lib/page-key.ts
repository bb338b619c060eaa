/**
 * Cache keys for Astro's incremental build. A page whose key and code are unchanged since the
 * last build is copied from that build instead of rendered again. A page's key is a digest of
 * its route's parameters and props and of the site settings: every page renders only those
 * (pages compute nothing of their own), so a page whose key is unchanged would render the same
 * bytes. Anything a page shows must therefore reach it through its props.
 *
 * The digest walks the value: objects shared by many pages (an article listed on its topic's,
 * its entities' and its author's pages) are digested once and remembered. A value the digest
 * cannot see into (a function, a class instance it does not know) is an error, not a blind spot.
 */
import { createHash } from 'node:crypto';
import { site } from './site.ts';

const digests = new WeakMap<object, string>();

/** Objects whose text is shorter than this stand for themselves; longer ones by their digest. */
const INLINE = 256;

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Where the walk is, for the error message: the keys and indexes from the top. */
type Path = (string | number)[];

function shown(path: Path): string {
  return path.map((step) => (typeof step === 'number' ? `[${step}]` : step)).join('') || 'the top';
}

function token(value: unknown, path: Path, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'number':
      return `n${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${value}`;
    case 'object':
      return value === null ? 'z' : objectToken(value, path, ancestors);
    default:
      throw new TypeError(`a page's props hold a ${typeof value} at ${shown(path)}, which a cache key cannot cover`);
  }
}

function within(path: Path, step: string | number, read: () => string): string {
  path.push(step);
  const text = read();
  path.pop();
  return text;
}

function objectToken(value: object, path: Path, ancestors: Set<object>): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r${String(value)}`;
  const known = digests.get(value);
  if (known) return known;
  if (ancestors.has(value)) throw new TypeError(`a page's props refer to themselves at ${shown(path)}`);
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item, i) => within(path, i, () => token(item, path, ancestors))).join(',')}]`;
  } else if (value instanceof Map) {
    text = `M[${[...value].map(([k, v], i) => `${within(path, `.key${i}`, () => token(k, path, ancestors))}:${within(path, `.get(${String(k)})`, () => token(v, path, ancestors))}`).join(',')}]`;
  } else if (value instanceof Set) {
    text = `S[${[...value].map((item, i) => within(path, `.item${i}`, () => token(item, path, ancestors))).join(',')}]`;
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`a page's props hold a ${prototype?.constructor?.name ?? 'class'} instance at ${shown(path)}, which a cache key cannot cover`);
    }
    const keys = Object.keys(value).sort();
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${within(path, `.${key}`, () => token((value as Record<string, unknown>)[key], path, ancestors))}`).join(',')}}`;
  }
  ancestors.delete(value);
  // A digest starts with "#", a text with "[", "{", "M" or "S": the two never stand for each other.
  const digest = text.length < INLINE ? text : `#${sha(text)}`;
  digests.set(value, digest);
  return digest;
}

/**
 * The digest of a value: equal for values of equal content, different as soon as any string,
 * number, date or entry anywhere inside differs. Objects are remembered by identity, so a value
 * must not be changed after it was digested (the model is built once and never changed).
 */
export function digestOf(value: unknown): string {
  return sha(token(value, [], new Set()));
}

/** Routes as getStaticPaths returns them, each with its cache key. */
export function keyed<Route extends { params: object; props: object }>(routes: readonly Route[]): (Route & { cacheKey: string })[] {
  return routes.map((route) => ({ ...route, cacheKey: digestOf([site, route.params, route.props]) }));
}
