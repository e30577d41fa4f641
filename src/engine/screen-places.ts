// Where a work may sit on a photographed screen found in a post (fractions of the post): what the second stage's
// screen look (zoom.ts screenLook) lays each work at, and what the service worker's screen shortlist
// (screen-shortlist.ts) compares a work's grey grid at. Geometry only, so neither pulls in the other's imports.
import { apply, homography, scaleAbout, type Quad } from './geometry';

interface Size { width: number; height: number }

/**
 * Where the work may sit inside a screen's outline, as the outline scaled about its centre: the outline itself
 * (a screen found by its lit area), or a bezel's width or a letterbox's inside it (a screen found by the
 * device's outline, layout.ts enclosedQuad).
 */
const SCREEN_INSETS = [1, 0.97, 0.93, 0.89] as const;

/**
 * Screen proportions tried around the one its outline shows (long over short side of the straightened quad): a
 * turned screen is foreshortened along one side, by ~9 % at 24° of yaw.
 */
const SCREEN_ASPECTS = [0.9, 0.95, 1, 1.05, 1.1] as const;
/** Insets at which the work is fitted into or over the screen (a bezel's width in, as SCREEN_INSETS). */
const FIT_INSETS = [1, 0.97, 0.93] as const;
/** Proportions this close to the screen's fill it either way: SCREEN_INSETS place the work then. */
const SAME_ASPECT = 0.02;
const UNIT: Quad = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }];

/** Which insets and screen proportions screenPlaces tries. */
export interface PlacesTried { insets: readonly number[]; fitInsets: readonly number[]; aspects: readonly number[] }
const ALL_PLACES: PlacesTried = { insets: SCREEN_INSETS, fitInsets: FIT_INSETS, aspects: SCREEN_ASPECTS };
/**
 * Fewer places, for a comparison as coarse as a 16-cell grid (screen-shortlist.ts), which a few hundredths of the
 * screen either way hardly move: 8 places a screen, not 34.
 */
export const COARSE_PLACES: PlacesTried = { insets: [1, 0.93], fitInsets: [0.97], aspects: [0.95, 1, 1.05] };

/**
 * A place for the work on a screen (fractions of the post): `screen`, the outline that cuts off what overflows it;
 * `fitted`, placed in the work's own proportions (verify.ts onQuad).
 */
export interface ScreenPlace { quad: Quad; screen?: Quad; fitted?: boolean }

/**
 * Where a work of size `work` may sit on a screen found in `post` (fractions of the post): filling the screen's
 * outline at each of SCREEN_INSETS; and, where the work's proportions differ from the screen's, shown whole with
 * bars beside or above it (how a phone or monitor shows a picture) or filling the screen with what overflows it
 * cut off (a wallpaper, a zoomed view; `screen`: the outline that cuts it). An independently made set's screen
 * photos (2026-12-05): of the 44 that no look confirmed in its two draws, 18 pass laid this way over their own
 * work (min(whole, detail) 0.88–0.99 after refineOnScreen), where laid over the screen's whole outline none did;
 * its 387 negatives, every screen any finder saw in them laid over its 40 works, reach 0.16 at most under
 * second-stage.ts screenPlausible (0.22 without its rule on cells of detail).
 */
export function screenPlaces(quad: Quad, post: Size, work: Size, tried: PlacesTried = ALL_PLACES): ScreenPlace[] {
  const places: ScreenPlace[] = tried.insets.map((k) => ({ quad: scaleAbout(quad, k) }));
  for (const k of tried.fitInsets) {
    const screen = scaleAbout(quad, k);
    const h = homography(UNIT, screen);
    if (!h) continue;
    const side = (a: number, b: number) => Math.hypot((screen[a]!.x - screen[b]!.x) * post.width, (screen[a]!.y - screen[b]!.y) * post.height);
    const aspect = (side(0, 1) + side(3, 2)) / (side(0, 3) + side(1, 2));
    // The part of the screen (its own unit square) the work spans.
    const part = (u0: number, v0: number, u1: number, v1: number) => [[u0, v0], [u1, v0], [u1, v1], [u0, v1]].map(([x, y]) => apply(h, { x: x!, y: y! })) as Quad;
    for (const e of tried.aspects) {
      const r = work.width / work.height / (aspect * e); // > 1: the work is wider than the screen
      if (!(Math.abs(Math.log(r)) > SAME_ASPECT)) continue;
      // Shown whole, the work spans a share `a` of the screen one way; cut to fill it, `b` times the screen the other.
      const a = r > 1 ? 1 / r : r, b = r > 1 ? r : 1 / r;
      places.push({ quad: r > 1 ? part(0, (1 - a) / 2, 1, (1 + a) / 2) : part((1 - a) / 2, 0, (1 + a) / 2, 1), fitted: true });
      places.push({ quad: r > 1 ? part((1 - b) / 2, 0, (1 + b) / 2, 1) : part(0, (1 - b) / 2, 1, (1 + b) / 2), screen, fitted: true });
    }
  }
  return places;
}
