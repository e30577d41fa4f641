// The gallery as the detector sees it: every work's hash, whole/regional vectors and style descriptor, and the
// evidence one feed image yields against them — each signal's best score and the work it points to.
import { DIHEDRAL_NAMES, type DihedralName } from './hash';
import { HashIndex } from './hash-index';
import { VectorIndex } from './vector-index';
import { STYLE_TOP_K, otherArtCloseness, styleProfile, styleScoreOf, type StyleProfile } from './style';
import { dequantize, dimOf, quantize, rowCount, type ByteVectors } from './quantize';
import type { RegionKind } from './regions';
import { frameCandidates, screenCandidates, type ScreenView, type WorkThumb } from './screen-shortlist';

/** A work's signals as the gallery stores and holds them: its vectors as bytes (quantize.ts). */
export interface WorkSignals {
  id: string;
  hash: Uint32Array;
  hashQuality: number;
  /** Rows: [0] whole work, [1] mirrored, [2] grey, then crops (see galleryRegions). */
  vectors: ByteVectors;
  /** One row: the style descriptor. */
  style: ByteVectors;
  /** Its coarse grey grid, which a photographed screen in a post is compared with; absent for works analysed before it. */
  thumb?: WorkThumb;
}

/** A work's signals as analysis yields them, in floats. */
export interface AnalysedWork extends Omit<WorkSignals, 'vectors' | 'style'> {
  vectors: readonly ArrayLike<number>[];
  style: ArrayLike<number>;
}

/** What is stored and matched for an analysed work: every work goes through this, in the product and benches. */
export function quantizeSignals({ id, hash, hashQuality, vectors, style, thumb }: AnalysedWork): WorkSignals {
  return { id, hash, hashQuality, vectors: quantize(vectors), style: quantize([style]), ...(thumb ? { thumb } : {}) };
}

export interface QuerySignals {
  /** The 8 dihedral variants of the feed image's hash. */
  hashes: Uint32Array[];
  hashQuality: number;
  /** [0] whole image, then its regions (see queryRegions). */
  vectors: Float32Array[];
  style: Float32Array;
  /** What each vector's region is (see queryRegions); absent: region 0 is the whole image, the rest 'framed'. */
  kinds?: RegionKind[];
  /** The photographed screens the finders saw, with the post's grey overview (screen-shortlist.ts); absent: none. */
  screen?: ScreenView;
  /** The post's coarse grey grid (screen-shortlist.ts workThumb), compared with works of its proportions. */
  thumb?: WorkThumb;
}

/** A region of the post against a region of a work (see matchVectors). */
export interface RegionalMatch { score: number; workId: string; queryRegion: number; workRegion: number; queryKind?: RegionKind }

export interface Evidence {
  hash: { score: number; workId: string; distance: number; transform: HashTransform } | null;
  /**
   * The whole post against the whole work, its mirror image or its grey (rows 0–2), the best of them; when that is
   * the mirror image, `asIs` is the best of the other two for the same work (second-stage.ts settle).
   */
  global: { score: number; workId: string; mirrored: boolean; asIs?: number } | null;
  regional: RegionalMatch | null;
  /**
   * When `regional` is the post with its stickers painted over: the best pairing without that region. Painting
   * over also tidies a rotation's fill or a caption bar, so the verdict names stickers only when nothing plainer
   * explains the match (verdict.ts).
   */
  unpainted?: RegionalMatch | null;
  style: { score: number; workId: string } | null;
  /**
   * The works any vector of the post came near, by their best cosine, best first (at most CANDIDATES): what the
   * second stage (second-stage.ts) may verify when the best of each signal is not the work.
   */
  candidates?: { workId: string; score: number }[];
  /**
   * Set when the post's regions hold a photographed screen (regions.ts): the second stage then looks for screens in
   * the post with every finder to lay the works over (zoom.ts screenLook); for the many posts that show none, only for
   * a device's outline.
   */
  screen?: true;
  /**
   * Set when the post's regions hold collage tiles (regions.ts): the second stage then verifies more of the works
   * the vectors came near (second-stage.ts SHORTLIST_TILED).
   */
  tiles?: true;
  /**
   * The works whose broad light and dark fit a photographed screen in the post closely (the best from
   * SCREEN_FIT_FIRST, the others from SCREEN_FIT), best first, at most SCREEN_WORKS: the second stage lays them over
   * the screen whatever the vectors said (screen-shortlist.ts).
   */
  onScreen?: { workId: string; score: number }[];
  /**
   * The work of the post's proportions whose grey grid fits the post's best, when it fits closely (FRAME_FIT): the
   * second stage lays the post over it edge to edge whatever the vectors said (frameCandidates).
   */
  inFrame?: { workId: string; score: number }[];
}

/** PDQ's own advice: below this quality the hash of a flat image is mostly noise. */
export const MIN_HASH_QUALITY = 20;
/** A hash at half the bits (128) is what two unrelated images share; map 0..128 to 1..0. */
export const hashScore = (distance: number) => Math.max(0, 1 - distance / 128);

/**
 * A work fits a screen in the post this closely or more before it is laid over the screen in full (second stage):
 * the correlation of its 16-cell grey grid with the screen at the best place it may sit (screen-shortlist.ts).
 * Measured (2026-12-05, an independently made set's two draws, 40 works each, offline on the views and grids the
 * engine keeps): of its 150 screen photos in which a finder saw a screen, the right work came first in 123 and was
 * among the first two at 0.9 or more in 88 — 8 of those the screen look confirms where the vectors had not
 * shortlisted the work —; one of the other works reached 0.9 for 4 of its 284 negatives with a screen (0.94 at
 * most) and for 23 of its 874 reposts of other families with one (at 0.85: 15 and 58, and no more found). Each
 * costs the screen look for one work more.
 */
export const SCREEN_FIT = 0.9;
/**
 * The work that fits a screen best is named from this fit, the others from SCREEN_FIT: a detailed work photographed
 * on a screen is often confirmed by its keypoints once it is looked at, though moiré and glare leave its grid a
 * looser fit. Measured (2026-12-06, an independently made set's two draws): two screen photos the vectors had not
 * shortlisted, whose works fitted 0.66–0.77, were then confirmed by 83 and 32 keypoint pairs; none of its 774
 * negatives was flagged, and 34 of one draw's 387 got one work more to look at (the coarse keypoints turn most away).
 */
export const SCREEN_FIT_FIRST = 0.75;
/**
 * A work of the post's proportions whose grey grid correlates with the post's this closely or more is laid over the
 * post edge to edge (second stage: the in-place look, and the look past what was pasted over it), whatever the
 * vectors said: a dense watermark, a low JPEG quality or a recolouring can leave a smooth work's post little like it
 * to MobileNet while its broad light and dark stay. Measured (2026-12-06, an independently made set's two draws,
 * offline on the grids the engine keeps): for 715 and 706 of its 1,680 reposts the right work fits best at 0.8 or
 * more (1 and 0 another work), 14 and 18 of them reposts nothing else found; of its negatives, 3 of 387 and 2 of 383
 * have a work that fits so (0.84 at most), each a look at one work more.
 */
export const FRAME_FIT = 0.8;
/**
 * Works at most named so per post: the grid is coarse, and an artist's alike wallpapers or skies under a broad glare
 * fit one screen about as well (a made sky on a glared monitor: its own 0.90, two other skies 0.88 and 0.89); the
 * screen look tells them apart.
 */
export const SCREEN_WORKS = 2;

const NEIGHBOURS = 8;
const CANDIDATES = 6;

/** The variant that matches undoes the repost's transform: only the quarter turns are not their own inverse. */
function reposted(variant: DihedralName): DihedralName {
  return variant === 'rot90' ? 'rot270' : variant === 'rot270' ? 'rot90' : variant;
}

/** What a hash match says the repost did: a dihedral transform, or its colours inverted (as posted or mirrored). */
export type HashTransform = DihedralName | 'inverted' | 'inverted-mirror-x';

/**
 * A picture with its light and dark inverted (a negative, a way to slip a copy past a platform's duplicate check)
 * has the complement of the work's hash: PDQ sets each bit where a DCT coefficient lies above their median, and
 * inverting negates every coefficient but the first. So the post's hash, as posted and mirrored, is also looked up
 * complemented: two more queries of one table search. Measured (2026-12-07, bench:probe's 686 reposts and 686 other
 * pictures against its 49 works): its 49 inverted reposts lie 0–4 bits from their work's hash so; every other
 * picture, 88 or more from any work's (a copy is 40 or fewer).
 */
const INVERTED: readonly { variant: number; transform: HashTransform }[] = [
  { variant: DIHEDRAL_NAMES.indexOf('identity'), transform: 'inverted' },
  { variant: DIHEDRAL_NAMES.indexOf('mirror-x'), transform: 'inverted-mirror-x' },
];
const complement = (h: Uint32Array): Uint32Array => h.map((w) => ~w >>> 0);
const WIDE_HASH_DISTANCE = 47;
const FULL_SCAN_HASHES = 4096;

export class GalleryMatcher {
  private readonly hashes = new HashIndex();
  private readonly vectors: VectorIndex;
  private readonly works = new Map<string, WorkSignals>();
  /** Both derived from `works` on first use after a change. */
  private profile: StyleProfile | null | undefined;
  private styleIndex: VectorIndex | undefined;

  constructor(dim = 256) {
    this.vectors = new VectorIndex(dim);
  }

  get size(): number {
    return this.works.size;
  }

  /** Holds the work's vectors by reference (they must not change afterwards); replaces a work of the same id. */
  add(work: WorkSignals): void {
    const { codes } = work.vectors;
    const rows = rowCount(work.vectors);
    if (rows && dimOf(work.vectors) !== this.vectors.dim) throw new RangeError(`vectors have ${dimOf(work.vectors)} dims, need ${this.vectors.dim}`);
    if (rowCount(work.style) !== 1) throw new RangeError('a work has one style descriptor');
    this.remove(work.id);
    this.works.set(work.id, work);
    if (work.hashQuality >= MIN_HASH_QUALITY) this.hashes.add(work.id, work.hash);
    for (let i = 0; i < rows; i++) this.vectors.addCodes(`${work.id}#${i}`, codes, i * this.vectors.dim, work.id);
    this.profile = undefined;
    this.styleIndex = undefined;
  }

  remove(id: string): void {
    if (!this.works.delete(id)) return;
    this.hashes.remove(id);
    this.vectors.removeGroup(id);
    this.profile = undefined;
    this.styleIndex = undefined;
  }

  /**
   * `screens: false` leaves out the screen shortlist (`onScreen`): where a finder sees a screen (about half of feed
   * pictures) it is most of a match's time — every work's grid laid over every place on the screen — and only the
   * second stage reads it, so the extension adds it in the closer look (withScreens), off the badge's path. decide()
   * gives the same verdict either way.
   */
  match(q: QuerySignals, { screens = true }: { screens?: boolean } = {}): Evidence {
    return this.evidence(q, screens ? this.matchScreens(q) : []);
  }

  /** A match made without the screen shortlist, made whole: equal to match(q). */
  withScreens(q: QuerySignals, e: Evidence): Evidence {
    if (e.onScreen || !this.screensToFit(q)) return e;
    const onScreen = this.matchScreens(q);
    return onScreen.length ? { ...e, screen: true, onScreen } : e;
  }

  /** Whether the post shows a screen to lay the works over (what withScreens would do any work for). */
  screensToFit(q: QuerySignals): boolean {
    return !!q.screen?.quads.length && this.size > 0;
  }

  private evidence(q: QuerySignals, onScreen: NonNullable<Evidence['onScreen']>): Evidence {
    const screen = q.kinds?.includes('screen') || onScreen.length > 0;
    const inFrame = this.matchFrame(q);
    return {
      hash: this.matchHash(q), ...this.matchVectors(q), style: this.matchStyle(q),
      ...(screen ? { screen: true } : {}), ...(q.kinds?.includes('tile') ? { tiles: true } : {}),
      ...(onScreen.length ? { onScreen } : {}), ...(inFrame.length ? { inFrame } : {}),
    };
  }

  /** The work of the post's proportions that fits its grey grid best, when it fits closely (FRAME_FIT). */
  private matchFrame(q: QuerySignals): NonNullable<Evidence['inFrame']> {
    if (!q.thumb) return [];
    return frameCandidates(q.thumb, this.thumbs(), FRAME_FIT).slice(0, 1);
  }

  /** The works that best fit a photographed screen in the post, when they fit closely (SCREEN_FIT_FIRST, SCREEN_FIT). */
  private matchScreens(q: QuerySignals): NonNullable<Evidence['onScreen']> {
    if (!this.screensToFit(q)) return [];
    return screenCandidates(q.screen!, this.thumbs(), SCREEN_FIT_FIRST).filter((c, i) => i === 0 || c.score >= SCREEN_FIT).slice(0, SCREEN_WORKS);
  }

  /** Every work with its coarse grey grid (works analysed before the grids have none). */
  private *thumbs(): Generator<readonly [string, WorkThumb]> {
    for (const [id, w] of this.works) if (w.thumb) yield [id, w.thumb] as const;
  }

  private matchHash(q: QuerySignals): Evidence['hash'] {
    if (q.hashQuality < MIN_HASH_QUALITY || this.hashes.size === 0) return null;
    // The multi-index search answers exactly up to WIDE_HASH_DISTANCE; a small gallery is scanned in full so
    // the signal still has a value (the CLI reports it) when nothing is close.
    // The complements count only as close as a search reaches: the nearest hash reported when nothing is close
    // stays the post's own, so a far complement does not lift the fused score (verdict.ts NOISE).
    const inverted = INVERTED.filter((i) => i.variant < q.hashes.length);
    const queries = [...q.hashes, ...inverted.map((i) => complement(q.hashes[i.variant]!))];
    const best = this.hashes.search(queries, WIDE_HASH_DISTANCE)
      ?? (this.hashes.size <= FULL_SCAN_HASHES ? this.hashes.nearest(q.hashes, 1)[0] : undefined);
    if (!best) return null;
    const transform = best.variant < q.hashes.length
      ? reposted(DIHEDRAL_NAMES[best.variant] ?? 'identity')
      : inverted[best.variant - q.hashes.length]!.transform;
    return { score: hashScore(best.distance), workId: best.label, distance: best.distance, transform };
  }

  private matchVectors(q: QuerySignals): Pick<Evidence, 'global' | 'regional' | 'unpainted' | 'candidates'> {
    let global: Evidence['global'] = null;
    const asIs = new Map<string, number>();
    let regional: RegionalMatch | null = null;
    let unpainted: RegionalMatch | null = null;
    const near = new Map<string, number>();
    q.vectors.forEach((v, qi) => {
      for (const m of this.vectors.search(v, NEIGHBOURS)) {
        if (m.score > (near.get(m.group) ?? -1)) near.set(m.group, m.score);
        const wi = Number(m.label.slice(m.label.lastIndexOf('#') + 1));
        // Whole image against the whole work (or its mirror) is the "global" signal; every other pairing
        // — a region of the post against the work, or the post against a crop of the work — is "regional".
        if (qi === 0 && wi <= 2) {
          if (wi !== 1 && m.score > (asIs.get(m.group) ?? -1)) asIs.set(m.group, m.score);
          if (!global || m.score > global.score) global = { score: m.score, workId: m.group, mirrored: wi === 1 };
        } else {
          const queryKind = q.kinds?.[qi] ?? (qi === 0 ? 'whole' : 'framed');
          const pairing = { score: m.score, workId: m.group, queryRegion: qi, workRegion: wi, queryKind };
          if (!regional || m.score > regional.score) regional = pairing;
          if (queryKind !== 'stickers' && (!unpainted || m.score > unpainted.score)) unpainted = pairing;
        }
      }
    });
    const candidates = [...near].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES).map(([workId, score]) => ({ workId, score }));
    const g = global as Evidence['global'];
    if (g?.mirrored && asIs.has(g.workId)) g.asIs = asIs.get(g.workId);
    const painted = (regional as RegionalMatch | null)?.queryKind === 'stickers';
    return { global, regional, ...(painted ? { unpainted } : {}), candidates };
  }

  private matchStyle(q: QuerySignals): Evidence['style'] {
    if (this.profile === undefined) {
      // Calibrated on at most PROFILE_SAMPLE works (O(n²)); searched through an index like the embeddings,
      // because a scan of 6,000 works × 512 dimensions alone costs ~5 ms.
      // The profile reads floats: the descriptors are unpacked for it, and dropped with it.
      const works = [...this.works.values()].filter((w) => dimOf(w.style) === q.style.length);
      const dim = q.style.length;
      const data = new Float32Array(works.length * dim);
      works.forEach((w, i) => dequantize(w.style, 0, data, i * dim));
      this.profile = styleProfile({ data, dim, count: works.length });
      this.styleIndex = new VectorIndex(dim);
      for (const w of works) this.styleIndex.addCodes(w.id, w.style.codes, 0);
    }
    if (!this.profile || !this.styleIndex) return null;
    const top = this.styleIndex.search(q.style, STYLE_TOP_K);
    if (!top[0]) return null;
    // The margin's other half: the query against the shipped reference art (~150 dot products, ~0.2 ms).
    return { score: styleScoreOf(top.map((m) => m.score), this.profile, otherArtCloseness(q.style, this.profile.reference)), workId: top[0].label };
  }

}
