// The registry of site adapters: one line per site. A meta-test checks every adapter file is listed here.
import type { SiteAdapter } from './types';
import { xiaohongshu } from './xiaohongshu';

export const ADAPTERS: readonly SiteAdapter[] = [xiaohongshu];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(url));
}
