// The sites Inkseal knows, most specific first, and what the rest of the extension derives from them: the
// manifest's hosts, the CDN Referer rules, the settings defaults, the fixture server's hosts. Pure: it imports
// nothing outside src/sites, so the engine, the build config (vite.config.ts) and Node tests read the same records.
// Imports name their .ts file: Vite loads its config's imports without resolving bare paths.
import { generic } from './generic.ts';
import { hostMatches, matchAny, matchPattern } from './urls.ts';
import type { UrlPattern } from './types.ts';
import { weibo } from './weibo.ts';
import { xiaohongshu } from './xiaohongshu.ts';

export type { CdnHost, ComplaintKind, ComplaintPage, HostPattern, SiteRecord, SiteWords, UrlPattern } from './types.ts';
export { buildUrl, hostMatches, matchAny, matchPattern, matchUrl, type UrlMatch } from './urls.ts';
export { generic, weibo, xiaohongshu };

/** One line per site. The generic site, which has no hosts, is last: it takes whatever no other site claims. */
export const SITES = [xiaohongshu, weibo, generic] as const;

export type Site = (typeof SITES)[number];
export type SiteId = Site['id'];

export function siteById(id: string): Site | undefined {
  return SITES.find((s) => s.id === id);
}

/** The site a page belongs to: one whose hosts include it, else the generic site for any web page. */
export function siteFor(url: URL): Site | undefined {
  const own = SITES.find((s) => s.hosts.some((h) => hostMatches(h, url.hostname)));
  return own ?? (url.protocol === 'https:' || url.protocol === 'http:' ? generic : undefined);
}

/** A profile page the artist can import their works from: its site and the owner's id on that site. */
export interface ProfilePage { site: Site; userId: string; pattern: UrlPattern }

/** The importable profile `href` is (query and hash ignored), or null for any other page. */
export function profileAt(href: string): ProfilePage | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const site = siteFor(url);
  const importable = site?.profiles.filter((p) => p.importable !== false) ?? [];
  const m = matchAny(importable, href);
  return site && m?.params.userId ? { site, userId: m.params.userId, pattern: m.pattern } : null;
}

/** The manifest's content-script matches: every site's pages. */
export const contentScriptMatches = (): string[] => SITES.flatMap((s) => s.hosts.map(matchPattern));

/** Every site's pages and picture CDNs. */
export const siteHosts = (): string[] => SITES.flatMap((s) => [...s.hosts, ...s.cdn.map((c) => c.host)]);

/** The manifest's host permissions: the pages, and the CDNs the background fetches pictures from. */
export const hostPermissions = (): string[] => siteHosts().map(matchPattern);

/** Hosts of the complaint pages the report page opens, each once. */
export const complaintHosts = (): string[] =>
  [...new Set(SITES.flatMap((s) => s.complaints.flatMap((c) => (c.url ? [new URL(c.url).hostname] : []))))];

/** A declarativeNetRequest session rule, in the shape the background installs. */
export interface RefererRule {
  id: number;
  priority: number;
  action: { type: 'modifyHeaders'; requestHeaders: { header: string; operation: 'set'; value: string }[] };
  condition: { requestDomains: string[]; tabIds: number[]; resourceTypes: ('xmlhttprequest' | 'other')[] };
}

/**
 * One rule per Referer value, for the CDNs that want one. Only the extension's own requests (tabId -1: not from
 * any tab) are touched — the model host fetches with no referrer — never what the artist's pages load.
 * requestDomains covers a domain's subdomains too, so `*.sinaimg.cn` becomes `sinaimg.cn`.
 */
export function refererRules(): RefererRule[] {
  const byReferer = new Map<string, string[]>();
  for (const { host, referer } of SITES.flatMap((s) => s.cdn)) {
    if (referer) byReferer.set(referer, [...(byReferer.get(referer) ?? []), host.replace(/^\*\./, '')]);
  }
  return [...byReferer].map(([referer, requestDomains], i) => ({
    id: i + 1,
    priority: 1,
    action: { type: 'modifyHeaders', requestHeaders: [{ header: 'referer', operation: 'set', value: referer }] },
    condition: { requestDomains, tabIds: [-1], resourceTypes: ['xmlhttprequest', 'other'] },
  }));
}
