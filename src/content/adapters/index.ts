// The registry of site adapters: one line per site, most specific first. A meta-test checks every adapter
// file is listed here and has a fixture under src/dev/stand-ins/sites/<id>/.
import type { SiteAdapter } from './types';
import { generic } from './generic';
import { weibo } from './weibo';
import { xiaohongshu } from './xiaohongshu';

export const ADAPTERS: readonly SiteAdapter[] = [xiaohongshu, weibo, generic];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(url));
}
