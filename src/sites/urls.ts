// Reading and writing the URL shapes of site records (`https://weibo.com/{uid}/{postId}`). Pure.
import type { HostPattern, UrlPattern } from './types.ts';

/** `*.sinaimg.cn` covers sinaimg.cn and every subdomain, as a manifest match pattern does. */
export function hostMatches(pattern: HostPattern, hostname: string): boolean {
  if (!pattern.startsWith('*.')) return hostname === pattern;
  const domain = pattern.slice(2);
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

/** The manifest match pattern for every https page of a host. */
export const matchPattern = (host: HostPattern) => `https://${host}/*`;

interface Compiled { hosts: string[]; names: string[]; path: RegExp }

// Adapters match every card's links on every scan: each pattern is compiled once.
const compiled = new WeakMap<UrlPattern, Compiled>();

function compile(pattern: UrlPattern): Compiled {
  let c = compiled.get(pattern);
  if (c) return c;
  const m = /^https:\/\/([^/]+)(\/.*)$/.exec(pattern.url);
  if (!m) throw new Error(`not an https URL pattern: ${pattern.url}`);
  const names: string[] = [];
  // split() with a capturing group alternates literal text and segment names.
  const source = m[2]!.split(/\{(\w+)\}/).map((part, i) => {
    if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(part);
    return `(${pattern.params[part]!.source})`;
  }).join('');
  c = { hosts: [m[1]!, ...(pattern.aliases ?? [])], names, path: new RegExp(`^${source}$`) };
  compiled.set(pattern, c);
  return c;
}

/** The named segments of `href` when it has the pattern's shape (https, a listed host; query and hash ignored). */
export function matchUrl(pattern: UrlPattern, href: string): Record<string, string> | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const { hosts, names, path } = compile(pattern);
  const m = url.protocol === 'https:' && hosts.includes(url.hostname) ? path.exec(url.pathname) : null;
  return m ? Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) : null;
}

/** The canonical URL of the pattern with these segments. */
export function buildUrl(pattern: UrlPattern, params: Record<string, string>): string {
  return pattern.url.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

export interface UrlMatch { pattern: UrlPattern; params: Record<string, string> }

/** The first of the patterns `href` has the shape of, with its segments. */
export function matchAny(patterns: readonly UrlPattern[], href: string): UrlMatch | null {
  for (const pattern of patterns) {
    const params = matchUrl(pattern, href);
    if (params) return { pattern, params };
  }
  return null;
}
