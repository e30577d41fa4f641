// Content scripts run next to hostile pages: everything they send is checked and bounded before use.
import type { PostInfo, ScanRequest } from '../shared/types';

function url(v: unknown, max = 4096): string {
  if (typeof v !== 'string' || v.length > max) throw new Error('malformed scan request: bad URL');
  const u = new URL(v);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('malformed scan request: bad URL');
  return u.href;
}

function text(v: unknown, max: number, required = false): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw new Error('malformed scan request: missing field');
    return undefined;
  }
  if (typeof v !== 'string' || (required && !v)) throw new Error('malformed scan request: bad text');
  return v.slice(0, max);
}

export function validPost(p: unknown): PostInfo {
  const r = (p ?? {}) as Record<string, unknown>;
  return {
    postId: text(r.postId, 300, true)!,
    postUrl: url(r.postUrl),
    author: text(r.author, 100),
    authorUrl: r.authorUrl === undefined ? undefined : url(r.authorUrl),
    title: text(r.title, 200),
    aiLabel: text(r.aiLabel, 100) ?? null,
  };
}

export function validScanRequest(p: unknown): ScanRequest {
  const r = (p ?? {}) as Record<string, unknown>;
  const priority = typeof r.priority === 'number' && Number.isFinite(r.priority) ? Math.max(0, Math.min(9, r.priority)) : 1;
  return {
    site: text(r.site, 40, true)!,
    imageKey: text(r.imageKey, 600, true)!,
    fetchUrl: url(r.fetchUrl),
    displayUrl: url(r.displayUrl),
    post: validPost(r.post),
    priority,
  };
}
