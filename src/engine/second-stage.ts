// Where the second stage (verify.ts) enters the verdict: which works to verify when the fast signals point at a
// work without deciding, what a verification must show to count, and the verdict it then gives. Kept apart from
// decide() so the fast path stays as it was: decide() first, then — only for a shortlisted work — settle().
import type { Evidence } from './matcher';
import type { RegionKind } from './regions';
import { GLOBAL_COPY, TRANSFORM_OF, decide, fusedScores, regionalFused, type Verdict } from './verdict';
import { agreeingPairs, type Verification } from './verify';
import type { Keypoints } from './keypoints';
import { apply, homography, insideQuad, signedArea, type Point, type Quad } from './geometry';
import { onScreenLikeness } from './appearance';

/**
 * Fused score (verdict.ts scale, 0.5 = match) of a signal from which the work it points at is verified.
 * bench:quality (fast: 39 works, 546 reposts, 995 deliberately close negatives): reposts under stickers,
 * photographed screens and chat screenshots that the fast signals miss mostly score 0.1–0.5 for the right work;
 * a work under stickers that cover a fifth of it often scores only 0.07–0.15. At 0.1 the verifier runs for ~91 %
 * of those negatives (stickers 90 %), at 0.15 for 86 % (stickers 85 %), at 0.2 for 74 % (stickers 82 %), at 0.3 for
 * 26 % (stickers 72 %); none of them is confirmed at any of these floors (MIN_INLIERS below).
 */
export const SHORTLIST_FLOOR = 0.1;
/** At most this many works are verified per picture: each signal's best, then the other works the vectors came near. */
export const SHORTLIST_MAX = 3;
/**
 * As many for a post whose regions hold collage tiles (matcher.ts Evidence.tiles). A collage's other tiles are
 * other pictures, which the vectors often find nearer some work — clip art on white, a drawing like theirs — than
 * the work its own tile shows: in the independently made set (2026-12-06, both draws) the right work came 4th or
 * 5th in this list for 5 missed 3 × 3 collages, and the keypoints confirmed 3 of them once asked (a mouse drawing:
 * 19 pairs, its cells agreeing 0.94). About 1 in 10 of the set's negatives has tiles; they had 0.7–0.9 works more to
 * verify on average.
 */
export const SHORTLIST_TILED = 5;
/**
 * Pairs one similarity must explain between the post's coarse keypoint levels (1–2: 43 % of its keypoints, found on
 * 43 % of its pyramid's pixels) and a shortlisted work before the post's level 0 is found and the work checked in
 * full (verify.ts agreeingPairs). Most shortlisted pictures are strangers to the work (the shortlist floor is low
 * for stickers' sake), and their coarse keypoints say so. bench:quality (fast, 2026-12-04): with every picture
 * given the full look, 75 of the 76 positives it confirmed showed ≥ 4 such pairs (the other, a phone photographed
 * on a screen, was found by its zoom) and 45 of the 896 negatives it ran for; at ≥ 5: 73 and 14, at ≥ 8: 67 and 1.
 * A picture with zooms (small screens, framed pictures, the collage tile the match named: engine/zoom.ts) always
 * gets the full look, since its work may be too small in the post for the coarse levels; so does a mirror look
 * (mirrorLook: a copy already, whose reading as posted and mirrored must be compared like for like). With the rule, the full run (4,760 reposts, 4,978 negatives)
 * lost 1 repost (a gutterless collage's tile: 2 coarse pairs, 26 in the full check), found no negative, and gave
 * the full look to 1,378 of 5,386 shortlisted pictures.
 */
export const COARSE_PAIRS = 4;

/**
 * Whether the post is worth its full keypoints and a full check against `works`, from its coarse keypoints
 * (keypointsOf from level 1) and whether it has zooms.
 */
export function worthFullLook(coarse: Keypoints, works: Keypoints[], zoomed: boolean): boolean {
  return zoomed || needsFullLook(works.map((k) => agreeingPairs(coarse, k)), false);
}

/**
 * Whether the second stage should look for screens in the post with every finder, not only for a device's outline,
 * to lay the works over (matcher.ts Evidence.screen).
 */
export const screenShown = (e: Evidence): boolean => e.screen === true;

/**
 * The query region — a collage tile — in which the fast signals matched a work (its index in the post's regions), for
 * the second stage to read it closer (zoom.ts tileZoom).
 */
export function matchedTile(e: Evidence): number | undefined {
  // Under stickers the painted-over post is the best pairing; its plainer one may be a tile.
  const r = e.regional?.queryKind === 'stickers' ? e.unpainted : e.regional;
  return r?.queryKind === 'tile' && r.queryRegion <= MAX_TILE_INDEX ? r.queryRegion : undefined;
}
/** The largest region index a request may name (regions.ts makes a few dozen at most; a longer list is not asked). */
export const MAX_TILE_INDEX = 63;

/** The same rule from the pairs already counted per work (bench:quality records them). */
export function needsFullLook(agreeing: number[], zoomed: boolean): boolean {
  return zoomed || agreeing.some((n) => n >= COARSE_PAIRS);
}

/**
 * Inlier pairs a mapping must explain to confirm a work. bench:quality (fast): a negative's best mapping against
 * the works shortlisted for it explains at most 10 pairs; the reposts it confirms, 12–90.
 */
export const MIN_INLIERS = 12;
/** The confirmed work must span this share of the post at least (corner-to-corner area), and the map be sane. */
const MIN_POST_AREA = 0.02;
const MAX_SCALE_RATIO = 3;

/**
 * The works worth verifying for this evidence, best first; empty when the fast verdict stands. The best work of
 * each signal comes first, then the other works the post's vectors came near (a photographed screen's best
 * region often points at a look-alike, with the work second or third).
 */
export function shortlist(e: Evidence, verdict: Verdict, max = e.tiles ? SHORTLIST_TILED : SHORTLIST_MAX): string[] {
  if (checkedFirst(verdict)) return [verdict.workId!];
  if (standsAsIs(verdict)) return [];
  const f = fusedScores(e);
  const ranked = ([[e.hash?.workId, f.hash], [e.global?.workId, f.global], [e.regional?.workId, f.regional]] as const)
    .filter((c): c is readonly [string, number] => c[0] !== undefined && c[1] >= SHORTLIST_FLOOR)
    .slice()
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
  const near = (e.candidates ?? []).filter((c) => regionalFused(c.score) >= SHORTLIST_FLOOR).map((c) => c.workId);
  const list = [...new Set([...ranked, ...near])].slice(0, max);
  // The works a photographed screen in the post shows by their light and dark (matcher.ts onScreen) come too, past
  // the others: moiré and glare often leave the vectors pointing elsewhere.
  // So does the work the post as a whole repeats by its light and dark (matcher.ts inFrame): a dense watermark or a
  // low JPEG quality can leave a smooth work's post little like it to MobileNet.
  const seen = (e.onScreen ?? []).concat(e.inFrame ?? []).map((c) => c.workId);
  return [...list, ...[...new Set(seen)].filter((id) => !list.includes(id))];
}

/**
 * Whether a closer look at a fast verdict is worth taking: it has works to verify, or the post shows a screen whose
 * shortlist (matcher.ts withScreens, left out of a match made for the badge) is yet to be made and could name some.
 */
export function worthALook(e: Evidence, verdict: Verdict, screensToFit: boolean): boolean {
  if (shortlist(e, verdict).length > 0) return true;
  return screensToFit && !e.onScreen && !standsAsIs(verdict);
}

/** A copy or an edit that needs no check first (checkedFirst): the second stage has nothing to add to it. */
const standsAsIs = (v: Verdict): boolean => v.kind === 'copy' || v.kind === 'edit';

/**
 * A regional verdict (a crop, a tile, a framed part) scoring under this must be confirmed by the keypoints to
 * stand. bench:quality (2026-12-03, 4,760 reposts, 4,722 negatives): one negative passed on a region alone — a
 * speech-bubble outline against a crop of a light-bulb outline, 0.538. Of the 37 reposts found by a region alone
 * under 0.55 (scratch analysis on the cached variants), the keypoints confirm 36 in at least one of their two draws
 * (the other a 10° turn of a flat drawing, 7 pairs); the next full run lost 2 reposts to it (a collage tile and a
 * sticker post) and the false match. Raised from 0.55 (2026-12-06): a third draw of an independently made set had
 * a negative pass on a framed region alone at 0.615 — another pose of the same clip-art author's stick figure
 * (region 0.958, 11 pairs). Of its three draws' reposts found by a region alone at 0.55–0.65 (scratch, the full
 * look for each), the keypoints or a look without them confirm 189 of 197; the other 8 are smooth works turned,
 * in chat screenshots or in tiles, which then fall back on what the other signals say alone.
 */
export const MARGINAL_REGIONAL = 0.65;

/**
 * A copy found by the whole post against the work's mirror image alone, scoring under this, must be confirmed by the
 * keypoints (of the post as is, or mirrored: zoom.ts mirrorLooks) to stand. An independently drawn repost set
 * (2026-12-05, INDEP_SEED=7) had one negative pass this way: another drawing by the same author of the same figure
 * in another pose, mirrored, 0.511 (raw 0.946), its best region 0.938; bench:quality FAST has a true repost as close
 * (a framed iris drawing, mirrored, 0.536, best region 0.940), so the fast signals alone cannot tell them apart.
 */
export const MARGINAL_MIRROR = 0.6;

/** Whether the fast verdict rests near its line on a region alone or on the mirror image alone: a claim the keypoints must back. */
function marginal(v: Verdict): boolean {
  return marginalRegional(v) || (mirrorLook(v) && v.score < MARGINAL_MIRROR);
}

const marginalRegional = (v: Verdict): boolean =>
  v.kind === 'edit' && v.signal === 'regional' && v.score < MARGINAL_REGIONAL && v.workId !== null;

/**
 * Whether the fast verdict is a copy by the work's mirror image alone, which the keypoints check — as posted and
 * mirrored — before it is shown. MobileNet's vectors barely tell a picture from its mirror image: a crop, a frame or
 * a caption of the work often scores a hair higher against the mirrored work and was named "mirrored"
 * (bench:quality FAST, 2026-12-05: 17 of 304 family reposts, all unmirrored; an independently made set: 38 of its
 * 1,597 reposts found, outside its mirror family). The keypoints are not mirror-blind: the mapping that confirms
 * the work says which it is.
 */
export function mirrorLook(v: Verdict): boolean {
  return v.kind === 'copy' && v.signal === 'global' && v.transform === 'mirror-x' && v.workId !== null;
}

/**
 * Whether the second stage also looks for the works in the post mirrored left to right (zoom.ts mirrorLooks): for a
 * mirror look, and for a claim resting near its line on a region alone. A mirrored crop of a work reads to the
 * mirror-blind vectors like the work's own crops, but its keypoints, which are not mirror-blind, pair with nothing as
 * posted, so the claim was withdrawn: an independently made set's mirrored crops (2026-12-05, two draws) lost 2 of
 * 160 so, each a region of 0.946 (fused 0.51) with too few coarse pairs for the full look. Such claims are rare (none
 * among that set's 770 negatives), and each costs one more keypoint pass.
 */
export function mirroredToo(v: Verdict): boolean {
  return mirrorLook(v) || marginalRegional(v);
}

/**
 * Whether the second stage must run before anyone is told the verdict: a marginal claim is withdrawn unless the
 * keypoints back it, and a badge that comes and goes would accuse first; a mirrored copy is named by what the
 * keypoints find. Any other shortlisted picture can show its fast verdict (no match, or a style resemblance) and be
 * looked at closer when there is time.
 */
export function checkedFirst(v: Verdict): boolean {
  return marginal(v) || mirrorLook(v);
}

/**
 * The verdict after the second stage: `best` (bestConfirmed of the shortlisted works' results) confirms a work, or
 * the fast verdict stands — except a marginal one, whose claim is withdrawn (decide() without the region or the
 * mirror image it rested on: what the other signals say alone, the style verdict, or none). A verification that
 * could not run is no evidence: callers keep the fast verdict then and do not call this.
 */
export function settle(verdict: Verdict, e: Evidence, best: { id: string; mapping: VerifiedMapping } | null): Verdict {
  if (best) return confirm(verdict, e, best.id, best.mapping);
  if (!marginal(verdict)) {
    if (!mirrorLook(verdict)) return verdict;
    // A clear copy whose mirror the keypoints could not confirm either way (a framed or captioned smooth work has
    // too few corners): a copy, without a claim of mirroring that the mirror-blind vectors cannot back.
    const { transform: _mirror, ...copy } = verdict;
    return copy;
  }
  // The claim goes; what the other signals say on their own stays, unless it is itself a claim left unbacked. For
  // a mirror, the whole post against the work itself is such a signal: a copy by that alone stands, unnamed.
  let rest = mirrorLook(verdict) ? { ...e, global: unmirrored(e.global) } : { ...e, regional: null, unpainted: null };
  if (marginal(decide(rest))) rest = { ...rest, global: null, regional: null, unpainted: null };
  return { ...decide(rest), signals: verdict.signals };
}

/** The global signal without the work's mirror image: the whole post against the work as it is, if it came near. */
function unmirrored(g: Evidence['global']): Evidence['global'] {
  return g?.asIs === undefined ? null : { score: g.asIs, workId: g.workId, mirrored: false };
}

/** A verification as it crosses messaging: everything but the matrix (the corners say the same). */
export type VerifiedMapping = Omit<Verification, 'homography'>;

/** Drops the matrix (a Float64Array does not survive runtime messaging as one). */
export function mappingOf(v: Verification): VerifiedMapping {
  const { homography: _, ...rest } = v;
  return rest;
}

/**
 * The confirmed mapping with the most inliers among the shortlisted works' results, if any; among looks without
 * keypoints (no inliers: a post laid over the work, or the work over a screen in it), the one furthest past its bar,
 * not the first asked (an artist's series of alike wallpapers may pass more than once).
 */
export function bestConfirmed(results: { id: string; mapping: VerifiedMapping | null }[]): { id: string; mapping: VerifiedMapping } | null {
  let best: { id: string; mapping: VerifiedMapping } | null = null;
  for (const r of results) {
    if (!confirms(r.mapping)) continue;
    const m = r.mapping, b = best?.mapping;
    if (!b || m.inliers > b.inliers || (m.inliers === b.inliers && lookSure(m) > lookSure(b))) best = { id: r.id, mapping: m };
  }
  return best;
}

/** How far a look without keypoints is past its bar (0 for a keypoint mapping): what ranks two such looks. */
function lookSure(m: VerifiedMapping): number {
  return m.sameFrame || m.onScreen || m.pasted ? keypointFreeSure(m) : 0;
}

/** How far past its bar a look without keypoints is: 0 at the bar, 1 where the look agrees wholly. */
function keypointFreeSure(m: VerifiedMapping): number {
  if (m.sameFrame) return sameFrameSure(m.appearance);
  if (m.onScreen) return screenSure(m.appearance, m.onScreen);
  return pastedSure(m.appearance, m.pasted!.detail);
}

/** Whether the mapping is one a repost can have: the work's corners in order, a sane size and shape. */
export function confirms(v: VerifiedMapping | null): v is VerifiedMapping {
  if (v?.sameFrame) return sameFrameAlike(v.appearance, v.sameFrame);
  if (v?.onScreen) return screenAlike(v.appearance, v.onScreen);
  if (v?.pasted) return pastedAlike(v.appearance, v.pasted.detail);
  if (!v || (v.inliers < MIN_INLIERS && !fewButAlike(v) && !deepCropAlike(v))) return false;
  const area = signedArea(v.corners);
  // Negative area: the corners turned inside out (a mirror or a degenerate fit); a mirror is found in the mirrored
  // post (zoom.ts mirrorLooks), whose own corners are in order.
  if (!(area >= MIN_POST_AREA)) return false;
  const c = v.corners;
  const side = (i: number) => Math.hypot(c[(i + 1) % 4]!.x - c[i]!.x, c[(i + 1) % 4]!.y - c[i]!.y);
  if (Math.max(side(0) / side(2), side(2) / side(0), side(1) / side(3), side(3) / side(1)) > MAX_SCALE_RATIO) return false;
  if (v.inliers >= SURE_INLIERS || looksAlike(v.appearance, v.perspective)) return true;
  // A collage tile crops its work to the tile's shape, and the mapping puts the cropped-off part on the next tile:
  // judged over the part the inliers span, when that part is much of the work both ways (keypoints keep off the
  // edges, so a 3×3 tile's cover crop of a squarish work spans ~0.65 × 0.7, and of a 16:9 one, which the square
  // tile cuts to 56 % of its width, 0.39–0.47 × 0.6–0.77: an independently made set's elephants, 0.42 × 0.71, and
  // paintings made here, 2026-12-06); the shared motif of a template — a bus in two signs, a band of coastline in
  // two maps — spanned 0.64–0.74 × 0.10–0.17 in bench:quality's negatives).
  const s = v.spanned;
  return Math.max(s.w, s.h) >= SPAN_LONG && Math.min(s.w, s.h) >= SPAN_SHORT && looksAlike(s, v.perspective);
}

/**
 * A mapping with fewer than MIN_INLIERS pairs still confirms where the post repeats the work nearly cell for cell
 * through it, flat: a flat wallpaper's few corners in a collage tile, a centre crop of a drawing with few corners.
 * Measured (2026-12-06, scratch, every negative of an independently made set's two draws against every one of its
 * works, 51 mappings of 6 pairs or more): none of 8–11 pairs comes near (the closest, a full moon over a cherry, 6
 * pairs, 12 cells agreeing 0.75, whole 0.92); its reposts missed for want of pairs: a 3 × 3 tile of a flat
 * wallpaper (10 pairs, 64 cells all agreeing, whole 0.95) and a centre crop of a fox drawing (9 pairs, 14 cells,
 * 1.00, 0.96). Again (2026-12-07, the same check over all three draws' 1,157 negatives, the second stage's full
 * look with its zooms, 260 mappings of 5 pairs or more): none of 5–11 pairs passes the cells and whole bars, the
 * closest still the moon over the cherry; a painting as a chat thumbnail (a quarter of a phone screenshot), which
 * the vectors had named at 0.62, was dropped with 7 pairs, 40 cells agreeing 0.93, whole 0.93: 7 pairs suffice.
 */
function fewButAlike(v: VerifiedMapping): boolean {
  const a = v.appearance;
  return v.inliers >= FEW_INLIERS && v.perspective <= SCREEN_PERSPECTIVE[0] && a.cells >= DETAILED && a.agree >= FEW_AGREE && a.whole >= FEW_AGREE;
}
const FEW_INLIERS = 7;
const FEW_AGREE = 0.9;

/**
 * A mapping with fewer than MIN_INLIERS pairs also confirms a deep crop (the post shows at most DEEP_CROP_AREA⁻¹
 * of the work, all of the post inside it) that repeats the work where it has detail, flat: a quarter of a clip
 * art shows a quarter of its corners, and of its cells of detail (3–9, under fewButAlike's DETAILED). Measured
 * (2026-12-07, scratch, the second stage's full look with its zooms): bench:probe's crops to a quarter or a half
 * of a work missed for want of pairs — a clip art (7 pairs, 3 cells agreeing 1.00, whole 0.97), another artist's
 * (7 pairs, 7 cells, 0.99; the vectors had named a work of the same artist), a half of the first (10 pairs,
 * 9 cells, 1.00). Of the 404 mappings of 5 pairs or more that the independently made set's three draws' 1,161
 * negatives and bench:probe's 686 other pictures made over works not their own, one has 7 pairs, 3 cells of detail
 * and a post of at most two thirds of the work (whole 0.40); of those whose work holds the whole post, the closest
 * came to whole 0.92 (a full moon over a cherry, upside down, 6 pairs, 12 cells agreeing 0.75). A smooth crop
 * (fewer than DEEP_CROP_CELLS cells of detail: a quarter of a gradient wallpaper) is not confirmed so: any smooth
 * picture correlates with some smooth part of another.
 */
function deepCropAlike(v: VerifiedMapping): boolean {
  const a = v.appearance;
  return v.inliers >= FEW_INLIERS && v.perspective <= SCREEN_PERSPECTIVE[0] && signedArea(v.corners) >= DEEP_CROP_AREA && holdsPost(v.corners)
    && a.cells >= DEEP_CROP_CELLS && a.agree >= FEW_AGREE && a.whole >= DEEP_CROP_WHOLE;
}
const DEEP_CROP_AREA = 1.5;
const DEEP_CROP_CELLS = 3;
const DEEP_CROP_WHOLE = 0.95;

/**
 * Whether the work's corners (fractions of the post, in order) enclose all four of the post's own, each taken
 * HOLD_INSET in from its sides: a crop along the work's edge puts the two on one line, which a fit from a few pairs
 * misses by a little either way.
 */
function holdsPost(c: Verification['corners']): boolean {
  const lo = HOLD_INSET, hi = 1 - HOLD_INSET;
  return insideQuad(c, lo, lo) && insideQuad(c, hi, lo) && insideQuad(c, hi, hi) && insideQuad(c, lo, hi);
}
const HOLD_INSET = 0.1;

const SPAN_LONG = 0.6;
const SPAN_SHORT = 0.35;

/**
 * Pairs beyond which the keypoints alone decide: bench:quality's template-sharing negatives (road signs of one set,
 * a name card's lettering, two world maps) reach 36 pairs; a repost under stickers or in a collage that looks only
 * partly like its work (below) often has 50–150.
 */
const SURE_INLIERS = 40;
/**
 * Whether the post repeats the work where the mapping puts it (appearance.ts). Measured offline on bench:quality's
 * cached variants (scratch analysis, 2026-12-03): of 1,718 confirmed mappings of family reposts to their own work,
 * the cells of detail that agree are ≥ 0.75 in about 95 % (5th percentile 0.74), the rest mostly collage tiles (the work's cropped-off part
 * lands on a neighbouring tile) and stickers; of the 18 mappings that confirmed a negative, 16 were 0.31–0.70 with a
 * whole-picture correlation ≤ 0.76 (a road sign's rim and plate shared, its pictogram not). A work with little
 * detail (a smooth wallpaper: fewer than DETAILED cells) cannot say much, so only a plain disagreement counts there.
 */
const DETAILED = 12;
function looksAlike(a: VerifiedMapping['appearance'], perspective: number): boolean {
  // The whole-picture correlation says light and dark fall in the same places, which any disc or figure on white
  // shares with another once an 8-parameter perspective fit has bent one outline onto the other: an independently
  // made set's grey moon passed as a photographed screen of an orange smiley (13 pairs, perspective 0.11, cells
  // 0.69, whole 0.81). So it backs flat mappings only. Measured (2026-12-05): the reposts it confirmed there and
  // in bench:quality (FAST) — a sticker post of binoculars, 0.74 / 0.90, and of a moon phase, 0.68 / 0.82 — are
  // flat (perspective ≤ 0.013); the full stickers run then found 1 of 238 sticker posts fewer, most likely here.
  if (a.cells >= DETAILED) return a.agree >= 0.75 || (a.whole >= 0.8 && perspective <= SCREEN_PERSPECTIVE[0]);
  // peterm's "Skoynk" name card against his "Shaezy": 8 cells, 0.25 agree, 0.27 whole (the lettering shared).
  if (a.cells >= 3) return a.agree >= 0.5 || a.whole >= 0.5;
  return true;
}

/**
 * Whether a post laid over the work edge to edge (verify.ts sameFrame) is the work. Only for a work with few cells
 * of detail (a smooth wallpaper, a soft illustration, a flat design), which the keypoints cannot judge: a detailed
 * work has corners enough, and laid over each other, drawings made on one template agree cell by cell (corpus/art's
 * road signs of one set 0.79–0.96 of 28 cells, the WHO and UN emblems 1.00, two works of one style artist 0.77–0.81),
 * which the keypoints' mapping, looksAlike and its span tell apart. With no keypoint pair behind it, the look alone
 * decides, so the smooth work's light and dark must agree closely as a whole AND once each picture's broad light
 * and dark is taken off (`detail`, appearance.ts: any sky graded over any land correlates as a whole). Measured
 * (2026-12-05): against their own work, the independently made set's noise posts of such works were whole
 * 0.89–1.00, detail 0.84–0.97; of 4,840 corpus/art and corpus/style pairs of the same proportions, the only smooth
 * pairs that pass are copies of one wallpaper (bench:quality keeps those on one side); the set's 387 negatives laid
 * over its 40 works (1,529 pairs) reached whole 0.77 at most; same-frame.test.ts's made skies over hills, sun and
 * horizon placed alike, whole 0.84 with detail 0.50, and two skies graded alike whole 0.98 with detail 0.00.
 */
function sameFrameAlike(a: VerifiedMapping['appearance'], { detail, coarse }: NonNullable<VerifiedMapping['sameFrame']>): boolean {
  if (!smoothWork(a.cells)) return false;
  if (a.cells >= 3 && a.agree < 0.75) return false;
  return a.whole >= SAME_FRAME_WHOLE && Math.max(detail, coarse - COARSE_HANDICAP) >= SAME_FRAME_DETAIL;
}
/**
 * Whether a work with this many cells of detail may be confirmed laid edge to edge (sameFrameAlike). Laid over all of
 * the post or over a picture inside it, every cell of the work is judged, so its own count (appearance.ts workDetail)
 * says before the look whether the look can confirm anything (zoom.ts inPlace, pictureLook).
 */
export const smoothWork = (cells: number): boolean => cells < DETAILED;
const SAME_FRAME_WHOLE = 0.93;
const SAME_FRAME_DETAIL = 0.75;
/**
 * The detail may also agree at the coarser of two scales (appearance.ts appearanceInPlace `coarse`), counted this
 * much lower: on a smooth work a noisy or crushed post's grain is most of the fine detail, and averages out over
 * broader shapes — but broad shapes are what two pictures graded alike share. Measured (2026-12-06): an
 * independently made set's noise reposts of a faint dark wallpaper (grain of 23–28 grey levels), fine detail
 * 0.63–0.73, coarse 0.91–0.93; of 4,840 corpus/art and corpus/style pairs of one proportion, the pair of different
 * wallpapers that comes nearest (two of one series, whole 0.98) 0.10 fine and 0.69 coarse; none of the set's
 * three draws' pictures laid edge to edge over another work than its own reaches whole 0.9.
 */
const COARSE_HANDICAP = 0.1;

/**
 * Whether the work laid over a photographed screen in the post (verify.ts onQuad) is what the screen shows. Its
 * light and dark must agree as a whole and once the broad light is off (a glare over the screen is broad), and
 * cell by cell where the work has detail. Unlike sameFrameAlike, a detailed work may pass: the keypoints that
 * would judge it are drowned by the moiré, and the screen, found on its own, is where the work is laid, not a
 * template's frame fitted to shared marks. Measured (2026-12-05, the independently made set): its screen photos
 * laid over their own works, whole 0.91–0.98 with detail 0.92–0.98 where the screen was found right; its 387
 * negatives, each screen they showed laid over all 40 works, reached min(whole, detail) 0.32 at most.
 */
function screenAlike(a: VerifiedMapping['appearance'], on: OnScreen): boolean {
  return screenPlausible(a, on) && screenLikeness(a, on) >= SCREEN_LOOK;
}
type OnScreen = NonNullable<VerifiedMapping['onScreen']>;
/** How closely a work laid over a screen matches it (appearance.ts onScreenLikeness). */
export const screenLikeness = (a: VerifiedMapping['appearance'], on: OnScreen): number => onScreenLikeness({ whole: a.whole, ...on });
const SCREEN_LOOK = 0.88;
const SCREEN_AGREE = 0.9;
/**
 * A work laid over a screen can be the screen's picture only where its cells of detail agree and enough of it shows:
 * a work that overflows the screen (screen-places.ts screenPlaces) is cut off by it, and a sliver of a work correlates with
 * anything (the independently made set's negatives: 0.55–0.71 with 0–7 % of the work showing). An upright phone's
 * screen shows about a quarter of a landscape work cut to fill it (bench:quality's screen-fill, 2026-12-05: 23–34 %
 * in the draws a bar of 35 % lost), the set's screen photos 40–49 % of a portrait work on a landscape screen. A
 * work placed in its own proportions (`fitted`) must show FITTED_CELLS cells of detail: placed so, a plain glow fits
 * any round highlight (bench:quality, 2026-12-05: a wallpaper's radial glow over the orange disc of a cog in a crop
 * of a clip-art icon, whole 0.96 and detail 0.96 with no cell of detail showing); the screen photos it finds show
 * 7–45. A faint work, with fewer cells of detail than that in all of it, cannot show them, wherever it is: it must
 * show nearly all of itself instead (FAINT_SHOWN), so that its light and dark are compared over the whole work,
 * not over a glow's round middle. The independently made set's faint dark wallpapers (Debian's Emerald and
 * Homeworld, 0–1 cells of detail) on photographed screens show 85–100 % of themselves.
 */
export function screenPlausible(a: VerifiedMapping['appearance'], on: Pick<OnScreen, 'fitted' | 'detailed'>): boolean {
  if (on.fitted && a.cells < FITTED_CELLS && !(on.detailed < FITTED_CELLS && a.inside >= FAINT_SHOWN)) return false;
  return !(a.cells >= 3 && a.agree < SCREEN_AGREE) && a.inside >= SCREEN_SHOWN;
}
const SCREEN_SHOWN = 0.2;
const FITTED_CELLS = 3;
const FAINT_SHOWN = 0.8;
/** How far past its bar a screen look is: 0 at SCREEN_LOOK, 1 where both correlations are 1. */
const screenSure = (a: VerifiedMapping['appearance'], on: OnScreen) => (screenLikeness(a, on) - SCREEN_LOOK) / (1 - SCREEN_LOOK);
/**
 * Whether the post laid over the work edge to edge, what was pasted over it set aside (verify.ts underOverlays), is
 * the work. The rest must agree as a whole, once the broad light is off, and cell by cell where the work has detail.
 * A detailed work may pass, as on a screen: what was set aside was found by its outline, an edge of the post that is
 * not one of the work, and not where the comparison fails. Measured (2026-12-05): of the independently made set's
 * 31 sticker and watermark posts nothing else confirmed, 19 pass against their own works (whole 0.95–1.00, detail
 * 0.76–1.00), 6 find nothing to set aside or too much; every pair of the same proportions in corpus/art (road signs
 * and emblems of one set among them) and corpus/style, and the set's 387 negatives over its 40 works, reach detail
 * 0.48 at most (two desktop wallpapers, whole 0.99, cells agreeing 0.67), the rest 0.41 (whole 0.74).
 *
 * Cell by cell, one cell in five may disagree (PASTED_AGREE): a cell next to a sticker keeps its rim's halo, or a
 * speech bubble's tail too thin to be outlined. Measured (2026-12-07, scratch, the set's three draws, every picture
 * over every work of its proportions, 5,945 pairs, and the 1,062 pasted looks among corpus/art and corpus/style
 * pairs): own works under stickers or words that failed on this alone agreed 0.75–0.9 (a flat desert under six
 * stickers, 6 of 7 cells, nothing else found it); no pair of different pictures passes the whole and detail bars
 * even with no cell rule (in the set whole 0.85 and detail 0.47 at most, never both above 0.27; among the corpus
 * pairs two plasma wallpapers of one series, whole 0.99 with detail 0.39).
 */
function pastedAlike(a: VerifiedMapping['appearance'], detail: number): boolean {
  if (a.cells >= 3 && a.agree < PASTED_AGREE) return false;
  return a.whole >= PASTED_WHOLE && detail >= PASTED_DETAIL;
}
const PASTED_WHOLE = 0.93;
const PASTED_DETAIL = 0.7;
const PASTED_AGREE = 0.8;
/** How far past its bars a look past stickers is: 0 at the nearer bar, 1 where both correlations are 1. */
const pastedSure = (a: VerifiedMapping['appearance'], detail: number) => Math.min((a.whole - PASTED_WHOLE) / (1 - PASTED_WHOLE), (detail - PASTED_DETAIL) / (1 - PASTED_DETAIL));

/** How far past its bar an in-place look is: 0 at SAME_FRAME_WHOLE, 1 at a whole correlation of 1. */
export const sameFrameSure = (a: VerifiedMapping['appearance']) => (a.whole - SAME_FRAME_WHOLE) / (1 - SAME_FRAME_WHOLE);

/**
 * A perspective between these is a photographed screen (bench:quality's screen photos: 0.03–0.17; flat reposts
 * mostly < 0.05). Beyond the upper bound the fit is extrapolated from a cluster of inliers and names nothing.
 */
export const SCREEN_PERSPECTIVE = [0.06, 0.5] as const;
const ROTATED_DEGREES = 2;
/** A look laid edge to edge over this much of the post or more is over the post itself. */
const WHOLE_FRAME = 0.9;

/**
 * A region found as a collage tile or as the picture of an app screenshot, when it led to the same work, names the
 * repost: the mapping of a work shown that small is fitted from a few keypoints, and its perspective can pass for a
 * photographed screen's (bench:quality, FAST: 3 of 38 collages were named so, now none; chat screenshots 7 → 6).
 */
const NAMED_BY_REGION: readonly RegionKind[] = ['tile', 'screenshot'];

/** What the mapping says about the repost, in the verdict's words (shared/words.ts). */
export function transformOf(v: VerifiedMapping, e: Evidence, workId: string): string | undefined {
  // Found in the mirrored post: that is what the repost did (a crop of it shows in `align`).
  if (v.mirrored) return 'mirror-x';
  // The post is the whole work in place: no region of it, no turn or crop to name; or so under stickers or words.
  if (v.pasted) return v.pasted.text ? 'watermark' : 'stickers';
  const kind = e.regional?.workId === workId ? e.regional.queryKind : undefined;
  // Laid edge to edge over the post as a whole, nothing to name; over a picture found inside it (zoom.ts
  // pictureLook), what the region that led to it was, else a picture inside a larger one.
  if (v.sameFrame) {
    // Turned in place (zoom.ts tiltLook): the work's corners reach past the post's.
    if (Math.abs(v.rotation) > ROTATED_DEGREES) return 'rotated';
    return !v.sameFrame.within && signedArea(v.corners) >= WHOLE_FRAME ? undefined : kind && NAMED_BY_REGION.includes(kind) ? TRANSFORM_OF[kind] : 'framed';
  }
  if (kind && NAMED_BY_REGION.includes(kind)) return TRANSFORM_OF[kind];
  // Laid over a screen the finders saw, turned or at an angle: a photographed screen, however little perspective.
  if (v.onScreen && (v.perspective > SCREEN_PERSPECTIVE[0] || Math.abs(v.rotation) > ROTATED_DEGREES)) return 'screen-photo';
  // A post that matches the work as a whole (the global signal's copy) is no photographed screen: its perspective
  // is the fit's, from keypoints clustered in part of the picture (an independently made set, 2026-12-05: centred
  // and off-centre crops, a recolouring, fitted at 0.07–0.09; no screen photo there or in bench:quality reaches a
  // global copy).
  const whole = e.global?.workId === workId && e.global.score >= GLOBAL_COPY;
  if (v.perspective > SCREEN_PERSPECTIVE[1]) return undefined;
  if (!whole && v.perspective > SCREEN_PERSPECTIVE[0]) return 'screen-photo';
  if (Math.abs(v.rotation) > ROTATED_DEGREES) return 'rotated';
  const area = signedArea(v.corners);
  if (area > 1.1) return 'cropped';
  if (area < 0.6) return e.regional?.queryKind === 'tile' ? 'collage' : 'framed';
  return undefined;
}

const clip = (x: number) => Math.min(1, Math.max(0, x));
type Box4 = [number, number, number, number];

/** The bounding box of four points, clipped to the picture, as [x, y, w, h]. */
function clippedBox(points: Point[]): Box4 {
  const xs = points.map((p) => clip(p.x)), ys = points.map((p) => clip(p.y));
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}

/** The verdict of a confirmed verification; `verdict` is decide()'s for the same evidence (its signals kept). */
export function confirm(verdict: Verdict, e: Evidence, workId: string, v: VerifiedMapping): Verdict {
  // 0.5 at MIN_INLIERS, towards 1 with more: comparable with the other signals' calibrated scores.
  // Laid over the work without keypoints: 0.5 at the bar the look had to clear, towards 1 as it agrees wholly.
  const sure = v.sameFrame || v.onScreen || v.pasted ? keypointFreeSure(v) : 1 - MIN_INLIERS / v.inliers;
  const score = Math.max(verdict.score, 0.5 + 0.5 * Math.min(1, Math.max(0, sure)));
  // A mapping into the mirrored post (zoom.ts mirrorLooks): its corners mirrored back into the post as posted.
  const corners = v.mirrored ? v.corners.map((p) => ({ x: 1 - p.x, y: p.y })) as Verification['corners'] : v.corners;
  // A work laid over a picture of the post it overflows (a collage tile cut from its middle) shows only there.
  const within = v.sameFrame?.within;
  const shown: Point[] = within
    ? [{ x: within.x, y: within.y }, { x: within.x + within.w, y: within.y }, { x: within.x + within.w, y: within.y + within.h }, { x: within.x, y: within.y + within.h }]
    : corners;
  const query = clippedBox(shown);
  // The post's own corners in the work (or the picture's): what part of the work the post shows (all of it unless cropped).
  const toWork = homography(corners as Quad, [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }]);
  const seen = within ? shown : [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }];
  const work = toWork ? clippedBox(seen.map((p) => apply(toWork, p))) : [0, 0, 1, 1] as Box4;
  // What the mapping saw names the repost; else what the fast signals' region did (stickers, a frame), but not
  // their mirror, which the mapping would have shown (mirrorLooks).
  const transform = transformOf(v, e, workId) ?? (verdict.transform === 'mirror-x' ? undefined : verdict.transform);
  const { transform: _fast, ...fast } = verdict;
  return {
    ...fast,
    // Where the fast signals called the post a copy of this work, the keypoints show it mirrored or as a whole
    // (nothing cropped, turned or framed to name): that copy, now shown.
    kind: verdict.kind === 'copy' && verdict.workId === workId && (v.mirrored || !transform) ? 'copy' : 'edit',
    score,
    workId,
    // Laid over the work edge to edge (with stickers set aside or not) or over a screen in the post, no keypoints:
    // the report says which look confirmed it.
    signal: v.sameFrame ? 'overlay' : v.onScreen ? 'screen' : v.pasted ? 'stickers' : 'local',
    ...(transform ? { transform } : {}),
    align: { query, work },
    corners: corners.map((p) => [p.x, p.y]) as NonNullable<Verdict['corners']>,
  };
}
