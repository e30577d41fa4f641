// The second stage in the scan: when the fast signals point at a work without deciding, the model host maps
// local keypoints between the picture and that work's picture (engine/second-stage.ts says when and what counts).
// A work's picture is read and sent only when the host does not hold its keypoints yet.
import type { Evidence } from '../engine/matcher';
import { bestConfirmed, matchedTile, mirroredToo, screenShown, settle, shortlist, type VerifiedMapping } from '../engine/second-stage';
import type { Verdict } from '../engine/verdict';
import { callModelHost } from '@platform';
import { filesOf } from './gallery';

type Result = { id: string; mapping: VerifiedMapping | null } | { id: string; missing: true };

async function withPictures(ids: string[]): Promise<{ id: string; url: string }[]> {
  const files = await Promise.all(ids.map(async (id) => ({ id, url: (await filesOf(id))?.image })));
  return files.filter((w): w is { id: string; url: string } => !!w.url);
}

export async function secondStage(url: string, e: Evidence, verdict: Verdict): Promise<Verdict> {
  const ids = shortlist(e, verdict);
  if (ids.length === 0) return verdict;
  try {
    const tile = matchedTile(e);
    const asked = { ...(mirroredToo(verdict) ? { mirror: true } : {}), ...(tile !== undefined ? { tile } : {}), ...(screenShown(e) ? { screen: true } : {}) };
    const first: Result[] = await callModelHost('model/verify', { url, works: ids.map((id) => ({ id })), ...asked });
    const missing = first.filter((r) => 'missing' in r).map((r) => r.id);
    const again: Result[] = missing.length ? await callModelHost('model/verify', { url, works: await withPictures(missing), ...asked }) : [];
    const best = bestConfirmed([...first, ...again].flatMap((r) => ('mapping' in r ? [r] : [])));
    return settle(verdict, e, best);
  } catch (err) {
    // The fast verdict stands: a verification that fails is no evidence either way.
    console.warn('[inkseal] verification', err);
    return verdict;
  }
}
