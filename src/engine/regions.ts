// Which regions of an image get their own embedding. A gallery work is cut into the crops a thief would post
// (centre and corners at 90/75/60 % area, and mirrored); a feed image adds only its content box and, for tall
// screenshot-like images, full-width windows — the query side must stay within the per-image time budget.
import { FULL, contentBox, fullWidthBands, objectBoxes, resample, type Box, type Raster, type RowPass } from './image';

/** The model's input side (prepare.ts has it too; here to avoid an import cycle). */
const MODEL_INPUT = 224;
import { bezelQuad, collageGrid, framedRects, iou, pastedQuad, quadsAlike, peelBubble, pictureBoxes, screenQuad, tiltQuad } from './layout';
import { scaleAbout, type Quad } from './geometry';

/**
 * What a query region is, so a verdict can say how the work was reposted: the whole post, the post inside plain
 * margins or edges or pasted onto another picture ('framed': "inside a larger picture"), a band or window of a
 * phone screenshot, one tile of a collage, the picture straightened from a tilt, a photographed screen
 * straightened, or the whole post with its stickers painted over (added by prepare.ts, which holds the pixels).
 */
export type RegionKind = 'whole' | 'framed' | 'screenshot' | 'tile' | 'tilted' | 'screen' | 'stickers';

export interface Region {
  box: Box;
  mirror: boolean;
  /** Grey copy: a greyscale repost moves MobileNet's colour-heavy vector far from the colour work. */
  gray?: boolean;
  /** When set, the region is this quadrilateral (fractions of the image, may reach outside it), straightened. */
  quad?: Quad;
  /**
   * A collage tile's grid cell, when trimming the tile's flat edges took more than a sliver of it (layout.ts
   * collageGrid): where a smooth picture's flat edge rows were trimmed, the picture still fills the cell.
   */
  cell?: Box;
  kind?: RegionKind;
}

/** Side fractions for crops of 90, 75 and 60 % of the area. */
const CROP_AREAS = [0.9, 0.75, 0.6];

/** A work with plain margins also gets its trimmed box: what a screenshot of it on a plain page shows. */
const TRIMMED_MAX_AREA = 0.9;

/** The gallery regions that do not depend on the work's pixels: whole, mirrored, grey, and the fixed crops. */
function fixedGalleryRegions(): Region[] {
  const out: Region[] = [{ box: FULL, mirror: false }, { box: FULL, mirror: true }, { box: FULL, mirror: false, gray: true }];
  for (const area of CROP_AREAS) {
    const s = Math.sqrt(area);
    const m = 1 - s;
    out.push({ box: { x: m / 2, y: m / 2, w: s, h: s }, mirror: false });
    if (area === 0.9) continue;
    for (const [x, y] of [[0, 0], [m, 0], [0, m], [m, m]] as const) out.push({ box: { x, y, w: s, h: s }, mirror: false });
  }
  return out;
}

/**
 * Gallery region `index` when it is one of the fixed ones (the trimmed box, which depends on the work, comes
 * last): lets a verdict say which part of the work a crop shows, so the report page can align the pair.
 */
export function galleryRegionBox(index: number): Region | null {
  return fixedGalleryRegions()[index] ?? null;
}

/** Works at least this far from square also keep their centre square: a collage tile or a square feed crop. */
const SQUARE_MIN_ASPECT = 1.15;

export function galleryRegions(work: Raster): Region[] {
  const out = fixedGalleryRegions();
  const trimmed = contentBox(work);
  if (trimmed.w * trimmed.h < TRIMMED_MAX_AREA) out.push({ box: trimmed, mirror: false });
  const aspect = work.width / work.height;
  if (aspect >= SQUARE_MIN_ASPECT) out.push({ box: { x: (1 - 1 / aspect) / 2, y: 0, w: 1 / aspect, h: 1 }, mirror: false });
  else if (1 / aspect >= SQUARE_MIN_ASPECT) out.push({ box: { x: 0, y: (1 - aspect) / 2, w: 1, h: aspect }, mirror: false });
  return out;
}

/**
 * Detected boxes are pulled in a little: a frame row or two left at the edge of a crop costs far more than a
 * trimmed sliver of the picture (a 4 px white line on a screenshotted wallpaper drops its cosine 0.999 → 0.92;
 * trimming 4 px keeps 0.995), and a box found on the small raster is only accurate to a pixel.
 */
const INSET = 0.015;
const inset = (b: Box): Box => {
  const dx = b.w * INSET, dy = b.h * INSET;
  return { x: b.x + dx, y: b.y + dy, w: b.w - 2 * dx, h: b.h - 2 * dy };
};

/** A tile trimmed to less of its cell than this (overlap) keeps the cell too. */
const CELL_TRIMMED = 0.95;

/** Screenshots of a phone app are ≥ ~1.8:1; the work sits in a band somewhere down the page. */
const TALL = 1.6;

/**
 * `overview` is the whole image already resampled for the model: its borders are found on that (a fraction of
 * the pixels), and only long images, whose pictures need finding, read the analysis raster itself. `pass`: the
 * overview's horizontal pass (image.ts rowPass), which the copies below at its width read instead of their own.
 */
export function queryRegions(small: Raster, overview: Raster = small, pass?: RowPass): Region[] {
  const out: Region[] = [{ box: FULL, mirror: false, kind: 'whole' }];
  const content = contentBox(overview);
  if (content.w * content.h < TRIMMED_MAX_AREA) out.push({ box: inset(content), mirror: false, kind: 'framed' });
  const aspect = small.height / small.width;
  if (aspect >= TALL) {
    // The picture of a screenshotted post spans the screen width; take those bands first.
    for (const box of fullWidthBands(small).slice(0, 2)) out.push({ box: inset(box), mirror: false, kind: 'screenshot' });
    for (const box of objectBoxes(small).slice(0, 2)) out.push({ box, mirror: false, kind: 'screenshot' });
    // Light pictures on a light page have no visible edge: fall back to full-width windows of 16:9, 4:3 and
    // square shapes stepping down the page from just under the status bar.
    for (const shape of [0.5625, 0.75, 1]) {
      const h = Math.min(1, shape / aspect);
      for (let y = 0.04; y + h <= 0.96; y += h / 2) out.push({ box: { x: 0, y, w: 1, h }, mirror: false, kind: 'screenshot' });
    }
  }
  const seen = (box: Box) => out.some((r) => !r.quad && iou(r.box, box) > 0.85);
  // A chat thumbnail beside an avatar, on the app's plain page: the picture itself, found as a solid patch off
  // the page colour (bench:quality phone-chat: the bands and windows above cut it with page and avatar around).
  if (aspect >= TALL) {
    for (const box of pictureBoxes(small)) {
      if (!seen(inset(box))) out.push({ box: inset(box), mirror: false, kind: 'screenshot' });
      // The patch is the bubble; the picture is inside its padding and above its time stamp.
      const inner = peelBubble(small, box);
      if (iou(inner, box) < 0.85 && !seen(inset(inner))) out.push({ box: inset(inner), mirror: false, kind: 'screenshot' });
    }
  }
  // A collage: every tile is a picture of its own. Otherwise, rectangles outlined by edges (frames, mats,
  // caption bars with text, chat thumbnails), which the flat-border trim above cannot peel.
  const tiles = collageGrid(overview);
  for (const { tile, cell } of tiles) out.push({ box: inset(tile), mirror: false, kind: 'tile', ...(iou(tile, cell) < CELL_TRIMMED ? { cell: inset(cell) } : {}) });
  if (!tiles.length) {
    // A tall screenshot squeezed into the square overview leaves a chat thumbnail a few rows high: look at a
    // 224 px wide copy in its own proportions instead.
    const view = aspect >= TALL ? resample(small, FULL, MODEL_INPUT, Math.round(MODEL_INPUT * Math.min(aspect, 2.5)), false, false, pass) : overview;
    for (const box of framedRects(view)) if (!seen(inset(box))) out.push({ box: inset(box), mirror: false, kind: 'framed' });
  }
  // A tilt with filled corners: the picture straightened, and its largest part that the tilt did not cut off.
  // On the analysis raster itself: a 3° tilt leaves corner triangles only a few overview pixels deep.
  const quad = tiltQuad(small);
  if (quad) {
    out.push({ box: FULL, quad, mirror: false, kind: 'tilted' });
    const inner = shrinkInside(quad);
    if (inner) out.push({ box: FULL, quad: inner, mirror: false, kind: 'tilted' });
  }
  // A photo of a screen: the lit screen straightened, a little inside its edge (glare and bezel shadow).
  const screen = quad ? null : screenQuad(overview);
  if (screen) out.push({ box: FULL, quad: scaleAbout(screen, 0.97), mirror: false, kind: 'screen' });
  // In a lit room the screen is what the device's dark bezel encloses (and a letterboxed picture, what its bars
  // and the bezel enclose together).
  const bezel = quad ? null : bezelQuad(overview);
  if (bezel && !(screen && quadsAlike(screen, bezel))) out.push({ box: FULL, quad: scaleAbout(bezel, 0.98), mirror: false, kind: 'screen' });
  // A picture pasted, slanted, onto another (a merchandise mock-up): straightened, a little inside its outline.
  // Looked for in the post's own proportions: squeezed into the square overview, a slant turns rows and columns
  // by different angles (a 4:3 post at 7°: 9.3° and 5.3°), and the two no longer read as one picture turned.
  const pasted = quad || screen || bezel || tiles.length ? null : pastedQuad(inProportion(small, overview, pass));
  if (pasted) out.push({ box: FULL, quad: scaleAbout(pasted, 0.97), mirror: false, kind: 'framed' });
  return out;
}

/** `small` at the overview's size along its long side, in its own proportions (the overview itself when square). */
function inProportion(small: Raster, overview: Raster, pass?: RowPass): Raster {
  if (small.width === small.height) return overview;
  const k = MODEL_INPUT / Math.max(small.width, small.height);
  return resample(small, FULL, Math.max(1, Math.round(small.width * k)), Math.max(1, Math.round(small.height * k)), false, false, pass);
}

/** `quad` scaled about its centre until every corner lies inside the image (null when it already does). */
function shrinkInside(quad: Quad): Quad | null {
  const cx = quad.reduce((s, p) => s + p.x, 0) / 4, cy = quad.reduce((s, p) => s + p.y, 0) / 4;
  let k = 1;
  for (const p of quad) {
    if (p.x < 0) k = Math.min(k, cx / (cx - p.x));
    if (p.x > 1) k = Math.min(k, (1 - cx) / (p.x - cx));
    if (p.y < 0) k = Math.min(k, cy / (cy - p.y));
    if (p.y > 1) k = Math.min(k, (1 - cy) / (p.y - cy));
  }
  return k > 0.97 ? null : scaleAbout(quad, k * 0.98);
}
