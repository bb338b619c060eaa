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

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function token(value: unknown, at: string, ancestors: Set<object>): string {
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
      return value === null ? 'z' : objectToken(value, at, ancestors);
    default:
      throw new TypeError(`a page's props hold a ${typeof value} at ${at || 'the top'}, which a cache key cannot cover`);
  }
}

function objectToken(value: object, at: string, ancestors: Set<object>): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r${String(value)}`;
  const known = digests.get(value);
  if (known) return known;
  if (ancestors.has(value)) throw new TypeError(`a page's props refer to themselves at ${at}`);
  ancestors.add(value);
  const step = (next: string) => `${at}${next}`;
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item, i) => token(item, step(`[${i}]`), ancestors)).join(',')}]`;
  } else if (value instanceof Map) {
    text = `M[${[...value].map(([k, v], i) => `${token(k, step(`.key${i}`), ancestors)}:${token(v, step(`.get(${String(k)})`), ancestors)}`).join(',')}]`;
  } else if (value instanceof Set) {
    text = `S[${[...value].map((item, i) => token(item, step(`.item${i}`), ancestors)).join(',')}]`;
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`a page's props hold a ${prototype?.constructor?.name ?? 'class'} instance at ${at || 'the top'}, which a cache key cannot cover`);
    }
    const keys = Object.keys(value).sort();
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${token((value as Record<string, unknown>)[key], step(`.${key}`), ancestors)}`).join(',')}}`;
  }
  ancestors.delete(value);
  const digest = `#${sha(text)}`;
  digests.set(value, digest);
  return digest;
}

/**
 * The digest of a value: equal for values of equal content, different as soon as any string,
 * number, date or entry anywhere inside differs. Objects are remembered by identity, so a value
 * must not be changed after it was digested (the model is built once and never changed).
 */
export function digestOf(value: unknown): string {
  return sha(token(value, '', new Set()));
}

/** Routes as getStaticPaths returns them, each with its cache key. */
export function keyed<Route extends { params: object; props: object }>(routes: readonly Route[]): (Route & { cacheKey: string })[] {
  return routes.map((route) => ({ ...route, cacheKey: digestOf([site, route.params, route.props]) }));
}
