// Which regions of an image get their own embedding. A gallery work is cut into the crops a thief would post
// (centre and corners at 90/75/60 % area, and mirrored); a feed image adds only its content box and, for tall
// screenshot-like images, full-width windows — the query side must stay within the per-image time budget.
import { FULL, contentBox, fullWidthBands, objectBoxes, type Box, type Raster } from './image';

export interface Region {
  box: Box;
  mirror: boolean;
  /** Grey copy: a greyscale repost moves MobileNet's colour-heavy vector far from the colour work. */
  gray?: boolean;
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

export function galleryRegions(work: Raster): Region[] {
  const out = fixedGalleryRegions();
  const trimmed = contentBox(work);
  if (trimmed.w * trimmed.h < TRIMMED_MAX_AREA) out.push({ box: trimmed, mirror: false });
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

/** Screenshots of a phone app are ≥ ~1.8:1; the work sits in a band somewhere down the page. */
const TALL = 1.6;

/**
 * `overview` is the whole image already resampled for the model: its borders are found on that (a fraction of
 * the pixels), and only long images, whose pictures need finding, read the analysis raster itself.
 */
export function queryRegions(small: Raster, overview: Raster = small): Region[] {
  const out: Region[] = [{ box: FULL, mirror: false }];
  const content = contentBox(overview);
  if (content.w * content.h < TRIMMED_MAX_AREA) out.push({ box: inset(content), mirror: false });
  const aspect = small.height / small.width;
  if (aspect >= TALL) {
    // The picture of a screenshotted post spans the screen width; take those bands first.
    for (const box of fullWidthBands(small).slice(0, 2)) out.push({ box: inset(box), mirror: false });
    for (const box of objectBoxes(small).slice(0, 2)) out.push({ box, mirror: false });
    // Light pictures on a light page have no visible edge: fall back to full-width windows of 16:9, 4:3 and
    // square shapes stepping down the page from just under the status bar.
    for (const shape of [0.5625, 0.75, 1]) {
      const h = Math.min(1, shape / aspect);
      for (let y = 0.04; y + h <= 0.96; y += h / 2) out.push({ box: { x: 0, y, w: 1, h }, mirror: false });
    }
  }
  return out;
}
