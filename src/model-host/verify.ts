// The model host's half of the second stage: keypoints of the feed picture and of the shortlisted works, and
// their mapping (engine/verify.ts). Works' keypoints are kept for the host's life (the most recent KEPT works,
// ~250 KB each with their grey and colour planes, 384 × 288 bytes apiece for a 4:3 work), so a work shortlisted
// again — the usual case on a feed full of one repost — costs no decoding and the background need not send its
// picture again.
import { mergeKeypoints, type Keypoints } from '../engine/keypoints';
import { postMappings } from '../engine/zoom';
import { worthFullLook, type VerifiedMapping } from '../engine/second-stage';
import type { PictureHost } from './pictures';

const KEPT = 48;
const works = new Map<string, Promise<Keypoints>>();

function workKeypoints(pictures: PictureHost, id: string, url: string | undefined): Promise<Keypoints> | undefined {
  let k = works.get(id);
  if (k) works.delete(id);
  else if (url) k = pictures.workKeypoints(url);
  if (!k) return undefined;
  // Re-inserted: Map order is recency, the oldest goes first.
  works.set(id, k);
  k.catch(() => works.delete(id));
  while (works.size > KEPT) works.delete(works.keys().next().value!);
  return k;
}

export type VerifyResult = { id: string; mapping: VerifiedMapping | null } | { id: string; missing: true };

/**
 * A work sent without its picture that this host has no keypoints for comes back `missing`: ask again with it.
 * `mirror`: look for the works in the post mirrored too (engine/zoom.ts mirrorLooks); `tile`: the index of the
 * post's collage tile the fast signals matched, read closer (engine/zoom.ts tileZoom); `screen`: the post shows a
 * photographed screen, looked for with every finder to lay the works over (engine/zoom.ts screenLook).
 */
export async function verifyWorks(pictures: PictureHost, url: string, list: { id: string; url?: string }[], { mirror = false, tile, screen = false }: { mirror?: boolean; tile?: number; screen?: boolean } = {}): Promise<VerifyResult[]> {
  const kps = list.map((w) => workKeypoints(pictures, w.id, w.url));
  // The feed picture's keypoints come from the raster its decode worker kept: the platform is not asked again
  // (unless that worker is gone: Chrome's model frame restarted). Its zooms (engine/zoom.ts) from the bytes it kept.
  // Its coarse levels come first: most shortlisted pictures are strangers to the work, and their coarse keypoints
  // say so at about two fifths of the cost (engine/second-stage.ts worthFullLook); only the others get level 0.
  const [coarse, known] = await Promise.all([pictures.postKeypoints(url, 'coarse', tile), Promise.all(kps)]);
  const works = known.filter((k): k is Keypoints => k !== undefined);
  // None held here (the usual first ask for a work): the caller asks again with the pictures.
  if (!works.length) return list.map((w) => ({ id: w.id, missing: true }));
  let post = coarse;
  // A mirror look compares the post as posted and mirrored, both in full (engine/second-stage.ts mirrorLook).
  // Too few corners otherwise: the post is only laid over the works (it may be one edited in place).
  const full = coarse.part !== 'coarse' || worthFullLook(coarse.keypoints, works, coarse.zoomed === true || mirror);
  if (full && coarse.part === 'coarse') {
    const fine = await pictures.postKeypoints(url, 'fine', tile);
    // A picture with no address to be kept under comes back with all levels at once.
    post = fine.part === 'fine' ? { keypoints: mergeKeypoints(fine.keypoints, coarse.keypoints), zooms: fine.zooms } : fine;
  }
  // The pictures found in the post come with either half (the fine half's merge keeps only keypoints and zooms).
  const mappings = postMappings(post.keypoints, post.zooms, works, { full, mirror, screen, pictures: coarse.pictures ?? [] });
  let next = 0;
  return list.map((w, i) => (known[i] ? { id: w.id, mapping: mappings[next++]! } : { id: w.id, missing: true }));
}
