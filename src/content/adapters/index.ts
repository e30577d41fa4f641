// The registry of site adapters, one per site record (src/sites), which says which pages are whose: an adapter
// holds only the DOM logic. A missing adapter is a compile error here; a meta-test keeps records, adapter files
// and fixtures in step.
import { siteFor, type SiteId } from '../../sites';
import type { SiteAdapter } from './types';
import { generic } from './generic';
import { weibo } from './weibo';
import { xiaohongshu } from './xiaohongshu';

export const ADAPTERS: { readonly [Id in SiteId]: SiteAdapter<Id> } = { xiaohongshu, weibo, generic };

export function adapterFor(url: URL): SiteAdapter | undefined {
  const site = siteFor(url);
  return site && ADAPTERS[site.id];
}
