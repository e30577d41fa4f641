// Content scripts run next to hostile pages: everything they send is checked before use.
import type { ScanRequest } from '../shared/types';

function isHttpsUrl(v: unknown, max = 4096): v is string {
  if (typeof v !== 'string' || v.length > max) return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

export function validScanRequest(p: unknown): ScanRequest {
  const r = p as Partial<ScanRequest> | null;
  if (!r || !isHttpsUrl(r.url) || !isHttpsUrl(r.postUrl) || typeof r.postId !== 'string' || r.postId.length > 200
    || typeof r.site !== 'string' || r.site.length > 40) {
    throw new Error('malformed scan request');
  }
  return { url: r.url, postUrl: r.postUrl, postId: r.postId, site: r.site };
}
