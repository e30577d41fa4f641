// The second stage's closer look: a work shown small inside the post — letterboxed on a photographed phone, on a
// panel across the room, inside a frame — keeps only ~100 × 60 px at the analysis scale, too few corners for the
// keypoint check (verify.ts) to confirm it. The regions that found it (regions.ts) say where it is; the picture as
// posted often has 2–3× the pixels there. A zoom is that box re-read from the posted picture at up to ZOOM_SIDE,
// whose keypoints are verified beside the post's own, and whose mapping is carried back into the post's frame.
// Pure: the caller decodes the box (the model host's decode worker, or sharp in Node).
import { greyResample, type Box } from './image';
import { workDetail } from './appearance';
import { QUERY_KEYPOINTS, keypointsOf, levelZeroScale, type Keypoints } from './keypoints';
import type { Region, RegionKind } from './regions';
import type { Homography, Quad } from './geometry';
import { screenPlaces, type ScreenPlace } from './screen-places';
import { screenWave, type Wave } from './moire';
import { enclosedQuad, greyTiltQuad, iou, screenQuads } from './layout';
import { SCREEN_PERSPECTIVE, confirms, mappingOf, screenLikeness, screenPlausible, smoothWork, type VerifiedMapping } from './second-stage';
import { onQuad, onQuadRoughly, sameFrame, turnedOver, underMarks, underOverlays, verify, type Verification } from './verify';

/**
 * Long side of a zoom's raster. bench:quality screen-photo: 384 px confirms as many reposts as 512 (94.0 %) with
 * fewer pixels for the keypoints; a letterboxed work is ~330 px wide in a 1080 px photo.
 */
export const ZOOM_SIDE = 384;
/** At most this many zooms per post: each one is a decode of the posted picture's box and its keypoints. */
export const MAX_ZOOMS = 2;
/** Only when the posted picture holds this many times the analysis raster's pixels along the box's long side. */
const MIN_GAIN = 1.5;
/** A region this large of the post gains little: the post's own keypoints already cover it. */
const MAX_AREA = 0.6;
/**
 * Kinds of region where a work sits small inside a larger picture. A collage has up to nine tiles, and which one
 * shows the work only the match says: its tile is zoomed when asked (tileZoom).
 */
const KINDS: RegionKind[] = ['screen', 'framed'];
/** Margin around a region's box, as a share of its side: a finder's box may cut the work's edge by a pixel. */
const PAD = 0.04;

export interface Size { width: number; height: number }
export interface Zoom { box: Box; keypoints: Keypoints }

/** A region's bounding box (a straightened quad's, too), padded and clipped to the picture. */
function boundsOf(r: Region): Box {
  const xs = r.quad ? r.quad.map((p) => p.x) : [r.box.x, r.box.x + r.box.w];
  const ys = r.quad ? r.quad.map((p) => p.y) : [r.box.y, r.box.y + r.box.h];
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const px = (x1 - x0) * PAD, py = (y1 - y0) * PAD;
  const x = Math.max(0, x0 - px), y = Math.max(0, y0 - py);
  return { x, y, w: Math.min(1, x1 + px) - x, h: Math.min(1, y1 + py) - y };
}

/**
 * The boxes of the post worth a zoom: small screen and framed regions, where the posted picture has clearly more
 * pixels than the analysis raster (`analysis`: its size; `source`: the posted picture's). Screens first.
 */
export function zoomBoxes(regions: Region[], analysis: Size, source: Size): Box[] {
  const out: Box[] = [];
  const eligible = regions.filter((r) => r.kind && KINDS.includes(r.kind) && !r.mirror && !r.gray)
    .sort((a, b) => KINDS.indexOf(a.kind!) - KINDS.indexOf(b.kind!));
  for (const r of eligible) {
    const box = boundsOf(r);
    if (!worthZoom(box, analysis, source)) continue;
    if (out.some((o) => iou(o, box) > 0.7)) continue;
    out.push(box);
    if (out.length >= MAX_ZOOMS) break;
  }
  return out;
}

/** Whether the posted picture has clearly more pixels in `box` than the post's own keypoints see there. */
function worthZoom(box: Box, analysis: Size, source: Size): boolean {
  const gain = Math.min(source.width / analysis.width, source.height / analysis.height);
  if (!(gain >= MIN_GAIN)) return false;
  if (box.w * box.h > MAX_AREA || box.w * box.h <= 0) return false;
  // The post's own keypoints already sample the box at this many pixels on its long side.
  const postSide = Math.max(box.w * analysis.width, box.h * analysis.height) * levelZeroScale(analysis.width, analysis.height, QUERY_KEYPOINTS);
  const zoomSide = Math.min(ZOOM_SIDE, Math.max(box.w * source.width, box.h * source.height));
  return zoomSide >= MIN_GAIN * postSide;
}

/**
 * The collage tile the fast signals matched a work in (regions[index], second-stage.ts matchedTile), as a zoom box
 * when the posted picture has more pixels there; else null. A 3×3 collage's tile is ~120 px of a 360-px analysis
 * raster, too few corners to confirm its work, and which of its nine tiles shows the work only the match says (an
 * independently made set, 2026-12-05: the 16 collage posts it missed, with the work's tile read at 384 px from the
 * posted picture, all confirmed — 43–225 pairs).
 */
export function tileZoom(regions: readonly Region[], index: number | undefined, analysis: Size, source: Size): Box | null {
  const r = index === undefined ? undefined : regions[index];
  if (!r || r.kind !== 'tile') return null;
  const box = boundsOf(r);
  return worthZoom(box, analysis, source) ? box : null;
}

/** `tile` first, then the other `boxes` that do not cover it, at most MAX_ZOOMS: the tile is what the match named. */
export function withTile(boxes: Box[], tile: Box | null): Box[] {
  return tile ? [tile, ...boxes.filter((b) => iou(b, tile) <= 0.7)].slice(0, MAX_ZOOMS) : boxes;
}

/** Pixel size of the raster a zoom of `box` is read at: the box's shape, long side ≤ ZOOM_SIDE, in source pixels. */
export function zoomSize(box: Box, source: Size): Size {
  const w = box.w * source.width, h = box.h * source.height;
  const k = Math.min(1, ZOOM_SIDE / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(h * k)) };
}

/** A zoom's verification in the post's frame: corners and homography carried from the box to the whole post. */
function unzoom(v: Verification, zoom: Zoom, post: Size): Verification {
  const { box, keypoints: k } = zoom;
  const corners = v.corners.map((c) => ({ x: box.x + c.x * box.w, y: box.y + c.y * box.h })) as Verification['corners'];
  // Zoom level-0 pixels → post level-0 pixels, after the work → zoom mapping.
  const sx = (box.w * post.width) / k.width, sy = (box.h * post.height) / k.height;
  const h = v.homography;
  const tx = box.x * post.width, ty = box.y * post.height;
  const homography: Homography = Float64Array.from([
    sx * h[0]! + tx * h[6]!, sx * h[1]! + tx * h[7]!, sx * h[2]! + tx * h[8]!,
    sy * h[3]! + ty * h[6]!, sy * h[4]! + ty * h[7]!, sy * h[5]! + ty * h[8]!,
    h[6]!, h[7]!, h[8]!,
  ]);
  const top = { x: (corners[1].x - corners[0].x) * post.width, y: (corners[1].y - corners[0].y) * post.height };
  return { ...v, corners, homography, rotation: (Math.atan2(top.y, top.x) * 180) / Math.PI };
}

/**
 * The work verified against the post and each of its zooms: the mapping that confirms with the most inliers (in
 * the post's frame), else the post's own result. A zoom only adds a look; the confirmation rules stay the same.
 * When no mapping confirms the work, or one names a photographed screen, the post laid over the work (inPlace)
 * answers instead if it confirms; when neither does, the same with what was pasted over the work set aside
 * (pastedLook), then the work laid edge to edge over a picture found in the post (pictureLook, `pictures`), then
 * the work laid over a screen in the post (screenLook), for a post whose regions hold one (`screen`: matcher.ts
 * Evidence.screen).
 */
export function verifyPost(post: Keypoints, zooms: Zoom[], work: Keypoints, screen = false, pictures: readonly Box[] = []): Verification | null {
  let best = verify(post, work);
  let bestOk = confirms(best && mappingOf(best));
  for (const z of zooms) {
    const v = verify(z.keypoints, work);
    if (!v) continue;
    const ok = confirms(mappingOf(v));
    if (ok && (!bestOk || v.inliers > best!.inliers)) {
      best = unzoom(v, z, post);
      bestOk = confirms(mappingOf(best));
    }
  }
  // A post that lines up with the work laid flat over it, edge to edge, is no photographed screen, whatever
  // perspective a mapping fitted to a few keypoints of a smooth work shows (a grainy wallpaper in Chromium: 16 pairs,
  // corners ≤ 0.06 off the frame's, named "photo of a screen"): the flat reading names it.
  if (bestOk && best!.perspective <= SCREEN_PERSPECTIVE[0]) return best;
  const flat = inPlace(post, work);
  // No keypoint mapping and no flat reading: a smooth work under stickers, or shown on a photographed screen, may
  // still be laid over it.
  if (!flat) return bestOk ? best : (notInPlace(post, work, screen, pictures) ?? best);
  // The keypoint pairs that did agree still rank this work against the other shortlisted ones (bestConfirmed).
  return bestOk ? { ...flat, inliers: best!.inliers, matches: best!.matches } : flat;
}

/**
 * The post laid over the work (verify.ts sameFrame) when that confirms it, else null: asked when no keypoint
 * mapping confirms the work or one names a photographed screen (verifyPost), and for a post whose coarse
 * keypoints were not worth the full look (the CLI, the model host).
 */
export function inPlace(post: Keypoints, work: Keypoints): Verification | null {
  // Laid over all of the post, every cell of the work is judged: a detailed one cannot be confirmed so.
  if (!smoothWork(workDetail(work.plane))) return null;
  const f = sameFrame(post, work);
  return f && confirms(mappingOf(f)) ? f : null;
}

/**
 * The post laid over the work with what was pasted over it set aside (verify.ts underOverlays: stickers, bubbles,
 * large words; then underMarks: words tiled thin over all of it) when that confirms it, else null: asked where
 * inPlace is, after it.
 */
export function pastedLook(post: Keypoints, work: Keypoints): Verification | null {
  const v = underOverlays(post, work);
  if (v && confirms(mappingOf(v))) return v;
  // Words tiled over all of it, too thin for the sticker look's outlines.
  const m = underMarks(post, work);
  return m && confirms(mappingOf(m)) ? m : null;
}

/** Side of the square grey overview the screen finders read (layout.ts: the fast stage's overview is as large). */
const OVERVIEW = 224;
const screens = new WeakMap<Keypoints, { all?: Quad[]; outlined?: Quad[] }>();

/**
 * The photographed screens in the post, found from its grey plane once per post: by every finder (layout.ts
 * screenQuads) when its regions hold a screen (`all`), else only a device's outline around a lit picture
 * (layout.ts enclosedQuad) — a screen the fast finders miss when it shows a white-ground picture cut to fill it,
 * or a chat thumbnail in a phone's frame (an independently made set's screen photos and chat screenshots,
 * 2026-12-05: 2 chat thumbnails in one draw, 3 screen photos and a chat thumbnail in another, which no other look
 * confirmed; on its negatives it costs ~4 ms a shortlisted picture in Node, about half of what all three cost).
 */
function screensOf(post: Keypoints, all: boolean): Quad[] {
  let known = screens.get(post);
  if (!known) screens.set(post, (known = {}));
  const key = all ? 'all' : 'outlined';
  let found = known[key];
  if (!found) {
    const overview = greyResample(post.plane, OVERVIEW, OVERVIEW);
    const outline = all ? null : enclosedQuad(overview);
    found = all ? screenQuads(overview) : outline ? [outline] : [];
    known[key] = found;
  }
  return found;
}

export { screenPlaces, type ScreenPlace };

/** Each screen's moiré (moire.ts screenWave), found once per screen: every shortlisted work is laid over it. */
const waves = new WeakMap<Quad, Wave | null>();
function waveOf(post: Keypoints, screen: Quad): Wave | null {
  let wave = waves.get(screen);
  if (wave === undefined) waves.set(screen, (wave = screenWave(post.plane, screen)));
  return wave;
}

/**
 * The work laid over a photographed screen in the post (verify.ts onQuad) when that confirms it, else null: the
 * best of each screen found (screensOf; `all` finders for a post whose regions hold one) and each place the work
 * may sit on it (screenPlaces). Asked where inPlace is, after it: a smooth work shown on a screen has too few
 * corners for the keypoints, and the post's edges are not the work's. Each place is first judged on a coarse grid
 * (verify.ts onQuadRoughly): only those that come near get the full look. When none confirms but one comes near
 * (REFINE_FROM), its corners are moved a little at a time while that brings the two closer (refineOnScreen): the
 * screen finders' outlines and the proportions tried are coarse.
 */
export function screenLook(post: Keypoints, work: Keypoints, all = true): Verification | null {
  const found = screensOf(post, all);
  return lookOnScreens(post, work, found) ?? colourLook(post, work, found);
}

/**
 * The screen look in blue against yellow (image.ts greyAndChroma), on the screens the grey look found, for a work
 * whose picture lies in its colours: a yellow star on white is near white in grey, and a strong glare washes what
 * is left out (the independently made set's third draw: a sheriff's star under a glare of 103 grey levels, coarse
 * correlation −0.06 at best in grey, 0.90 in chroma; a rainbow-gradient photo, 0.98). Only a work with
 * COLOUR_DETAILED cells of colour detail is judged so: a grey work's chroma is flat, and a faint one's would let
 * a glare's tint decide. Measured (2026-12-07, every negative of the set's three draws laid over every work on
 * every screen the finders outline): none confirmed.
 */
function colourLook(post: Keypoints, work: Keypoints, found: Quad[]): Verification | null {
  if (!found.length || !post.plane.chroma || !work.plane.chroma) return null;
  const colour = inColour(work);
  // `detailed` is the work's own (appearance.ts workDetail): a work short of it is turned down before any place is
  // tried, as it would be after each (most works: a grey or faint one's colour is flat).
  if (workDetail(colour.plane) < COLOUR_DETAILED) return null;
  const v = lookOnScreens(inColour(post), colour, found);
  return v && v.onScreen!.detailed >= COLOUR_DETAILED ? { ...v, onScreen: { ...v.onScreen!, colour: true } } : null;
}
const COLOUR_DETAILED = 5;
const inColour = (k: Keypoints): Keypoints => ({ ...k, plane: { data: k.plane.chroma!, width: k.plane.width, height: k.plane.height } });

/** screenLook on the given screens, in the planes the two carry. */
function lookOnScreens(post: Keypoints, work: Keypoints, screens: Quad[]): Verification | null {
  let best: { v: Verification; s: number } | null = null;
  let near: (ScreenPlace & { s: number; wave?: Wave }) | null = null;
  for (const found of screens) {
    const wave = waveOf(post, found);
    for (const place of screenPlaces(found, post, work).map((p) => (wave ? { ...p, wave } : p))) {
      if (onQuadRoughly(post, work, place.quad, place.screen) < ROUGH_FROM) continue;
      const v = onQuad(post, work, place.quad, place);
      if (!v) continue;
      const s = screenScore(v);
      if (confirms(mappingOf(v))) {
        if (!best || s > best.s) best = { v, s };
      } else if (s >= REFINE_FROM && (!near || s > near.s)) near = { ...place, s };
    }
  }
  if (best || !near) return best?.v ?? null;
  const v = refineOnScreen(post, work, near);
  return v && confirms(mappingOf(v)) ? v : null;
}

/**
 * A place whose coarse correlation (verify.ts onQuadRoughly) is under this is not looked at in full. Measured
 * (2026-12-05, the independently made set's two draws): every place of a screen photo over its own work that
 * reached REFINE_FROM had a coarse correlation ≥ 0.646; of its negatives' places over a quarter of its works, 1.6 %
 * reach 0.6.
 */
const ROUGH_FROM = 0.6;

/**
 * How closely the work laid over a screen matches it (second-stage.ts screenLikeness), or −1 where its cells
 * disagree or too little of it shows (second-stage.ts screenAlike's other conditions).
 */
function screenScore(v: Verification): number {
  const a = v.appearance;
  if (!screenPlausible(a, v.onScreen!)) return -1;
  return screenLikeness(a, v.onScreen!);
}

/**
 * A screen look this close that does not confirm is refined. The independently made set's screen photos laid over
 * their own works at screenPlaces reached 0.77–0.88 where the screen was found right but not exactly; its 387
 * negatives over its 40 works reached 0.22 at most.
 */
const REFINE_FROM = 0.7;
/** Steps of the refinement, as fractions of the post's sides: coarse first. */
const REFINE_STEPS = [0.02, 0.01, 0.005] as const;

/**
 * The work's corners on the screen moved one coordinate at a time, by each of REFINE_STEPS either way, keeping each
 * move that brings the two closer (screenScore): at most 48 looks. The screen's outline (`screen`), which cuts off
 * an overflowing work, stays as found.
 */
export function refineOnScreen(post: Keypoints, work: Keypoints, start: ScreenPlace & { s: number; wave?: Wave }): Verification | null {
  let quad = start.quad, s = start.s, best: Verification | null = null;
  for (const step of REFINE_STEPS) {
    for (let c = 0; c < 8; c++) {
      for (const d of [step, -step]) {
        const moved = quad.map((p) => ({ ...p })) as Quad;
        if (c % 2) moved[c >> 1]!.y += d;
        else moved[c >> 1]!.x += d;
        const v = onQuad(post, work, moved, start);
        const t = v ? screenScore(v) : -1;
        if (t <= s) continue;
        quad = moved; s = t; best = v;
        break;
      }
    }
  }
  return best;
}

/**
 * The post laid over the work edge to edge, as posted or with what was pasted over it set aside, else over a picture
 * found in it (`pictures`: pictureBoxes), else (`screen`: the post's regions hold a screen) over a photographed
 * screen in it: the looks without keypoints.
 */
export const overlaid = (post: Keypoints, work: Keypoints, screen: boolean, pictures: readonly Box[] = []): Verification | null =>
  inPlace(post, work) ?? notInPlace(post, work, screen, pictures);

/** The looks without keypoints after the plain in-place one: past what was pasted over, over a picture in the post, then over a screen. */
const notInPlace = (post: Keypoints, work: Keypoints, screen: boolean, pictures: readonly Box[]): Verification | null =>
  pastedLook(post, work) ?? pictureLook(post, work, pictures) ?? tiltLook(post, work) ?? screenLook(post, work, screen);

/**
 * The work laid over the post turned in place, its corners filled (layout.ts tiltQuad, found again on the post's own
 * grey plane), when that confirms it, else null: a smooth work — a dark wallpaper, a gradient — turned 3–12°, which
 * the keypoints cannot map and the fast signals' straightened region names only near their line (an independently
 * made set, 2026-12-06: 8 of its three draws' rotations missed so, each led to its work by that region). Whether
 * it confirms is confirms()' call for any look laid edge to edge (second-stage.ts sameFrameAlike).
 */
export function tiltLook(post: Keypoints, work: Keypoints): Verification | null {
  const quad = greyTiltQuad(post.plane);
  const v = quad && turnedOver(post, work, quad);
  return v && confirms(mappingOf(v)) ? v : null;
}

/** Kinds of region that are a picture found inside the post by its edges, axis-aligned (regions.ts), or a collage's tile. */
const PICTURE_KINDS: readonly RegionKind[] = ['screenshot', 'framed', 'tile'];
/** At most this many pictures per post are looked at: a tall screenshot's regions are 15–20. */
export const MAX_PICTURES = 24;

/**
 * The boxes of the post's regions that may be a picture shown whole inside it (an app screenshot's picture, a
 * picture inside plain margins or a frame, a collage's tile and its untrimmed cell), for pictureLook; none
 * straightened from a quadrilateral, mirrored or grey.
 * The full-width windows a tall screenshot is also read in (regions.ts: guesses, not pictures found by their edges)
 * come last.
 */
export function pictureBoxes(regions: readonly Region[]): Box[] {
  const boxes = regions.filter((r) => r.kind && PICTURE_KINDS.includes(r.kind) && !r.quad && !r.mirror && !r.gray).flatMap((r) => (r.cell ? [r.box, r.cell] : [r.box]));
  const window = (b: Box) => b.x === 0 && b.w === 1;
  return [...boxes.filter((b) => !window(b)), ...boxes.filter(window)].slice(0, MAX_PICTURES);
}

/**
 * The work laid edge to edge over a picture found in the post (verify.ts sameFrame with a box) when that confirms
 * it, else null: a smooth work — a gradient wallpaper, a soft painting — shown whole in an app screenshot, which
 * has too few corners for the keypoints and is not the post's own frame (an independently made set, 2026-12-06:
 * 5 of its three draws' feed and chat screenshots of such works, each found by the regions but confirmed by no
 * look). The boxes are the regions' (pictureBoxes), found on the small analysis raster to a pixel or two, some
 * pulled in a little and some not, so a look that comes near (PICTURE_REFINE_FROM) has its edges moved a little at
 * a time while that brings the two closer. Whether it confirms is confirms()' call for any look laid edge to edge (second-stage.ts
 * sameFrameAlike): smooth works only, closely alike as a whole and in detail. A picture of other proportions than the
 * work's gets the work cut to fill it from its middle (coverBox: a collage tile, a cropped thumbnail), compared over
 * the picture alone. Measured (2026-12-06, the independently made set's third draw, every one of its 2,067 pictures'
 * boxes — 1,193 have some — against every one of its 40 works): 90 confirm their own work and none another.
 */
export function pictureLook(post: Keypoints, work: Keypoints, boxes: readonly Box[]): Verification | null {
  // Every look at a detailed work laid edge to edge over pictures that lie, with all their refinements, inside the
  // post judges every cell of the work, and cannot confirm it (second-stage.ts smoothWork): none is taken. A work cut
  // to fill a picture is judged over the picture alone, so any such picture keeps them all (they compete for the
  // refinements, PICTURES_REFINED).
  const cuts = boxes.map((box) => coverBox(post, work, box));
  if (!smoothWork(workDetail(work.plane)) && boxes.every((box, i) => !cuts[i] && refinedInside(box))) return null;
  const looks: { v: Verification; s: number; refine: () => Verification }[] = [];
  for (const [i, box] of boxes.entries()) {
    // Edge to edge when the proportions allow, else the work cut to fill the picture (coverBox).
    const cover = cuts[i]!;
    const within = cover ? { box, quad: boxQuad(box) } : undefined;
    const look = (b: Box) => sameFrame(post, work, b, within);
    const start = cover ?? box;
    const v = look(start);
    if (v) looks.push({ v, s: frameScore(v), refine: () => refinePicture(look, start, v) });
  }
  // Only the pictures that came nearest are refined (each refinement is up to 64 looks, and a collage has 9 tiles).
  looks.sort((a, b) => b.s - a.s);
  let best: { v: Verification; s: number } | null = null;
  for (let i = 0; i < looks.length; i++) {
    let { v } = looks[i]!;
    if (!confirms(mappingOf(v)) && looks[i]!.s >= PICTURE_REFINE_FROM && i < PICTURES_REFINED) v = looks[i]!.refine();
    if (confirms(mappingOf(v)) && (!best || frameScore(v) > best.s)) best = { v, s: frameScore(v) };
  }
  return best?.v ?? null;
}

/** Whether the box, each edge moved as far as refinePicture may move it, stays inside the post. */
function refinedInside(b: Box): boolean {
  const mx = REFINE_REACH * b.w, my = REFINE_REACH * b.h;
  return b.x - mx >= 0 && b.y - my >= 0 && b.x + b.w + mx <= 1 && b.y + b.h + my <= 1;
}

/** Pictures refined per work at most, the nearest first (pictureLook). */
const PICTURES_REFINED = 2;

/**
 * Proportions of a picture and a work (log of the ratio) beyond which the work is not laid edge to edge over it
 * (verify.ts SAME_FRAME_ASPECT) but cut to fill it, up to COVER_MAX: a collage app or a chat thumbnail cuts each
 * picture to its cell's shape from the middle, a long banner or a tall figure to its middle quarter (a 4:1 work
 * in a square). Measured (2026-12-06, the independently made set's three draws, every picture box of its 6,197
 * pictures against all 40 works, at 4:1 where it was 2:1): three more of its collages confirmed by their own work
 * (a 2.4:1 chain and a 1:3.7 sword, clip art in square tiles) and none by another.
 */
const COVER_FROM = 0.03;
const COVER_MAX = Math.log(4);

/**
 * Where the work lies, in fractions of the post, when cut to fill `box` from its middle (scaled until it covers the
 * box, centred on it), or null when the proportions are close enough to lay it edge to edge, or too far apart.
 */
function coverBox(post: Keypoints, work: Keypoints, box: Box): Box | null {
  const bw = box.w * post.width, bh = box.h * post.height;
  const r = Math.abs(Math.log(bw / bh / (work.width / work.height)));
  if (!(r > COVER_FROM && r <= COVER_MAX)) return null;
  const k = Math.max(bw / work.width, bh / work.height);
  const w = (work.width * k) / post.width, h = (work.height * k) / post.height;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

const boxQuad = (b: Box): Quad => [{ x: b.x, y: b.y }, { x: b.x + b.w, y: b.y }, { x: b.x + b.w, y: b.y + b.h }, { x: b.x, y: b.y + b.h }];

/**
 * How closely a work laid edge to edge matches: the lower of its whole and its detail's correlation — the fine
 * detail's, not the coarser second opinion sameFrameAlike also takes: refined on the better of the two, three of an
 * independently made set's screenshots of dark wallpapers climbed to a worse box and were lost (2026-12-06).
 */
const frameScore = (v: Verification): number => Math.min(v.appearance.whole, v.sameFrame!.detail);
/**
 * A picture look this close that does not confirm is refined. Measured (2026-12-06, the independently made set's
 * three draws): its five screenshots of smooth works no look had confirmed, over their own works, 0.40–0.90 at the
 * box found (the page's few pixels inside a thumbnail's rounded corners pull a smooth picture's correlation down)
 * and 0.92–0.99 refined (whole 0.935–0.998); none of its 1,157 negatives' regions over any of its 40 works reached
 * whole 0.85 with detail 0.6, refined (by an earlier form of this search) from wherever it started, and the three
 * scans with this look flagged none.
 */
const PICTURE_REFINE_FROM = 0.3;
/**
 * Steps of the refinement, as fractions of the box's own sides (a chat thumbnail is a tenth of a tall screenshot's
 * height: a step of the post's would change its proportions past SAME_FRAME_ASPECT at once): coarse first.
 */
const PICTURE_STEPS = [0.02, 0.01, 0.005, 0.0025] as const;
/** How far refinePicture may move an edge, as a share of the box's side: each step, on both passes. */
const REFINE_REACH = 2 * PICTURE_STEPS.reduce((a, b) => a + b, 0);

/**
 * The box's four edges moved one at a time, by each of PICTURE_STEPS either way, keeping the better move of each
 * edge while it brings the two closer; each step twice over (the edges pull on each other): at most 64 looks.
 */
function refinePicture(look: (b: Box) => Verification | null, start: Box, first: Verification): Verification {
  let box = start, v = first, s = frameScore(first);
  for (const step of PICTURE_STEPS) {
    for (let pass = 0; pass < 2; pass++) {
      for (let edge = 0; edge < 4; edge++) {
        let move: { b: Box; t: Verification; s: number } | null = null;
        for (const sign of [1, -1]) {
          const b = { ...box }, dx = sign * step * start.w, dy = sign * step * start.h;
          if (edge === 0) { b.x += dx; b.w -= dx; } else if (edge === 1) { b.y += dy; b.h -= dy; } else if (edge === 2) b.w += dx; else b.h += dy;
          const t = look(b);
          if (t && frameScore(t) > (move?.s ?? s)) move = { b, t, s: frameScore(t) };
        }
        if (move) ({ b: box, t: v, s } = move);
      }
    }
  }
  return v;
}

/**
 * Each work's answer for the post, as the CLI, the model host and bench:quality all ask it: the full look (the
 * post's keypoints and zooms, verifyPost) when `full`, else only the post laid over it or over a screen in it
 * (overlaid: its coarse keypoints were not worth more); for a mirror look (second-stage.ts mirrorLook), the post
 * mirrored too; laid over the screens in it when `screen` (second-stage.ts screenShown), and over the pictures
 * found in it (`pictures`: pictureBoxes of its regions) where no other look confirms.
 */
export function postMappings(post: Keypoints, zooms: Zoom[], works: Keypoints[], { full, mirror, screen = false, pictures = [] }: { full: boolean; mirror: boolean; screen?: boolean; pictures?: readonly Box[] }): (VerifiedMapping | null)[] {
  const mappings = works.map((w) => {
    const v = full ? verifyPost(post, zooms, w, screen, pictures) : overlaid(post, w, screen, pictures);
    return v && mappingOf(v);
  });
  return mirror ? mirrorLooks(post, works, mappings) : mappings;
}

/** A grey picture mirrored left to right. */
function mirrorPlane(p: Keypoints['plane']): Keypoints['plane'] {
  const { width: w, height: h } = p, data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = p.data[y * w + w - 1 - x]!;
  return { data, width: w, height: h };
}

/**
 * Each work's answer (`mappings`: the post's full look, which a mirror look always gets), or the answer of the post
 * mirrored left to right (keypoints, then laid over the work), marked `mirrored`: when only that confirms the work,
 * or when both do through keypoints and it with more pairs — a nearly symmetric drawing confirms both ways (an
 * independently made set's mirrored clip art: 24 pairs as posted, fitted with a perspective, 48 mirrored and
 * flat). A post that lines up with the work as posted, edge to edge, stays as posted. For a copy found by the
 * work's mirror image alone (second-stage.ts mirrorLook), which the mirror-blind vectors cannot tell from the
 * work itself. The descriptors are not mirror-symmetric, so the mirrored post's keypoints are found anew from its
 * grey plane: one full keypoint pass, for a rare verdict.
 */
export function mirrorLooks(post: Keypoints, works: Keypoints[], mappings: (VerifiedMapping | null)[]): (VerifiedMapping | null)[] {
  const mirrored = keypointsOf(mirrorPlane(post.plane), QUERY_KEYPOINTS);
  return works.map((w, i) => {
    const asIs = mappings[i] ?? null;
    const v = verify(mirrored, w);
    const m = v && confirms(mappingOf(v)) ? v : inPlace(mirrored, w);
    if (!m || (confirms(asIs) && (asIs.sameFrame || asIs.inliers >= m.inliers))) return asIs;
    return { ...mappingOf(m), mirrored: true };
  });
}
