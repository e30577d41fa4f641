// A worker beside the model: fetch, decode, crop and hash happen here, on the other core, while the host's
// thread runs the model. Replies transfer the crops' buffers instead of copying them. A feed picture's provenance
// (C2PA, TC260, IPTC, generators' metadata) is read here from the bytes already fetched (picture-provenance.ts).
// Firefox starts it from its event page and it fetches for itself; Chrome starts it inside the sandboxed model
// frame, which may not fetch (no host permissions there), so every request brings its bytes (framed-pictures.ts),
// and the frame reads the provenance itself (this worker has no WebCrypto there).
import { prepareImage, queryRegionsOf, type PreparedImage } from '../engine/prepare';
import type { Region } from '../engine/regions';
import type { ProvenanceSummary } from '../engine/provenance/summary';
import { provenanceOf } from './picture-provenance';
import type { Raster } from '../engine/image';
import { decodeBytes, fetchRaster, frameRaster, releaseRaster, zoomRasters, type DecodeTiming, type DecoderChoice } from './decode';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypointBuffers, keypointPlane, keypoints, keypointsOf as keypointsOfPlane, type Keypoints, type Plane8 } from '../engine/keypoints';
import { imageSize } from '../engine/image-size';
import { Kept } from './kept';
import { pictureBoxes, tileZoom, withTile, zoomBoxes, type Zoom } from '../engine/zoom';
import type { Box } from '../engine/image';
import type { KeypointPart, PostKeypoints } from './decoders';

/**
 * `url` is where the picture is fetched from when `bytes` are not sent, and the key a feed picture's raster is kept
 * under ('' keeps nothing). `raw` returns the decoded raster itself (benchmarks and the decode test), `decoder`
 * picks the path, `keypoints` returns the picture's local keypoints for the second stage instead
 * (model-host/verify.ts); with `keptOnly` they come only from a raster kept here, else the reply is `missing`.
 * `levels` asks a feed picture's keypoints in two halves (engine/second-stage.ts worthFullLook): 'coarse' the
 * levels from 1 (the reply says whether the picture has zooms), 'fine' level 0 and the zooms; a picture decoded
 * again is kept again for the other half, unless it has no address to be kept under (then all levels at once,
 * `part` absent). `noProvenance`: the caller reads a feed picture's provenance itself. `frame`: the picture
 * already decoded by the caller (decode.ts scaledJpegFrame, Chrome's model frame), sent with its bytes.
 */
export type DecodeRequest = {
  id: number; url: string; bytes?: Uint8Array; role: 'query' | 'gallery';
  raw?: boolean; decoder?: DecoderChoice; keypoints?: 'query' | 'gallery'; keptOnly?: boolean; noProvenance?: boolean;
  levels?: KeypointPart; frame?: VideoFrame;
  /** With `keypoints`: the index of the feed picture's collage tile the fast signals matched, read closer too. */
  tile?: number;
};
export type DecodeReply =
  | { id: number; ok: true; prepared?: PreparedImage; raster?: Raster; keypoints?: Keypoints; zooms?: Zoom[]; part?: KeypointPart; zoomed?: boolean; pictures?: Box[]; provenance?: ProvenanceSummary | null; missing?: true; timing: DecodeTiming }
  | { id: number; ok: false; error: string };

/**
 * The last feed pictures' keypoint planes (~400 KB each with their chroma, half a raster), with the bytes and zoom boxes
 * (engine/zoom.ts) of those that have zooms or collage tiles worth one (`tiles`, by region index: which one is read
 * depends on the match): the second stage asks for a picture's keypoints after its signals — at once for a
 * marginal verdict, otherwise when the scan queue has room (background/closer-looks.ts), which may be dozens of
 * pictures later — and the platform's picture must not be fetched twice. Bounded by count and bytes.
 */
type Held = { plane: Plane8; bytes?: Uint8Array; zooms: Box[]; tiles?: Map<number, Box>; pictures: Box[] };
const kept = new Kept<Held>(40, 16 << 20, (k) => k.plane.data.byteLength + (k.plane.chroma?.byteLength ?? 0) + (k.bytes?.byteLength ?? 0));

/** The picture's raster: decoded from the bytes sent, or fetched (Firefox). */
async function rasterFor(req: DecodeRequest, role: 'query' | 'gallery', timing?: DecodeTiming): Promise<{ raster: Raster; bytes: Uint8Array }> {
  if (req.frame && req.bytes) {
    const t0 = performance.now();
    // A frame whose pixels cannot be copied: the bytes are decoded here instead, as without a frame.
    const raster = await frameRaster(req.frame).catch(() => null);
    if (timing) timing.decode = performance.now() - t0;
    if (raster) return { raster, bytes: req.bytes };
  }
  if (!req.bytes) return fetchRaster(req.url, role, timing, req.decoder);
  return { raster: await decodeBytes(req.bytes, role, timing, req.decoder), bytes: req.bytes };
}

/**
 * `use` run on the picture's raster, whose buffer then goes back for the next picture (decode.ts releaseRaster):
 * `use` must not keep the raster (crops, hash and keypoint plane are copies) and runs without awaiting.
 */
async function withRaster<T>(req: DecodeRequest, role: 'query' | 'gallery', use: (r: { raster: Raster; bytes: Uint8Array }) => T, timing?: DecodeTiming): Promise<T> {
  const got = await rasterFor(req, role, timing);
  try {
    return use(got);
  } finally {
    releaseRaster(got.raster);
  }
}

async function keypointsOf(req: DecodeRequest, kind: 'query' | 'gallery'): Promise<PostKeypoints | null> {
  let held = req.url && kind === 'query' ? kept.get(req.url) : undefined;
  if (!held && req.keptOnly) return null;
  if (kind === 'gallery') return { keypoints: await withRaster(req, 'query', ({ raster }) => keypoints(raster, GALLERY_KEYPOINTS)), zooms: [] };
  if (!held) {
    // A picture decoded again has lost its zoom boxes (they come from its regions): it is checked without zooms,
    // unless the match named a collage tile, whose regions are found again (the same decode gives the same ones).
    // Asked for a half (a closer look taken after the picture left this worker's last few: the usual case in a
    // long scroll), its plane is kept again, so the coarse half can stop a stranger and the fine half follow.
    if (!req.levels || !req.url) return { keypoints: await withRaster(req, 'query', ({ raster }) => keypoints(raster, QUERY_KEYPOINTS)), zooms: [] };
    held = await withRaster(req, 'query', ({ raster, bytes }) => keptOf(raster, bytes, req.tile === undefined ? [] : queryRegionsOf(raster)));
    kept.set(req.url, held);
  }
  // A copy: the kept plane stays here for another work's check, and the reply's buffers are transferred.
  const plane = { ...held.plane, data: held.plane.data.slice(), ...(held.plane.chroma ? { chroma: held.plane.chroma.slice() } : {}) };
  const boxes = withTile(held.zooms, (req.tile !== undefined && held.tiles?.get(req.tile)) || null);
  const { pictures } = held;
  if (req.levels === 'coarse') return { keypoints: keypointsOfPlane(plane, QUERY_KEYPOINTS, 1), zooms: [], part: 'coarse', zoomed: boxes.length > 0, pictures };
  // A zoom that fails to decode only loses the closer look: the post's own keypoints still go.
  const zoomed = held.bytes ? await zoomRasters(held.bytes, boxes).catch((): Raster[] => []) : [];
  const zooms = zoomed.map((r, i) => ({ box: boxes[i]!, keypoints: keypoints(r, QUERY_KEYPOINTS) }));
  if (req.levels === 'fine') return { keypoints: keypointsOfPlane(plane, QUERY_KEYPOINTS, 0, 1), zooms, part: 'fine', pictures };
  return { keypoints: keypointsOfPlane(plane, QUERY_KEYPOINTS), zooms, pictures };
}

/**
 * What is kept of a feed picture for the second stage: its keypoint plane, its zoom boxes and the collage tiles worth
 * one (engine/zoom.ts), the pictures found in it (engine/zoom.ts pictureBoxes), and its bytes only when it has zoom
 * boxes or tiles (most have none): it may be megabytes.
 */
function keptOf(raster: Raster, bytes: Uint8Array, regions: Region[]): Held {
  const source = uprightSize(bytes, raster);
  const zooms = zoomBoxes(regions, raster, source);
  const tiles = new Map<number, Box>();
  regions.forEach((_, i) => {
    const box = tileZoom(regions, i, raster, source);
    if (box) tiles.set(i, box);
  });
  return { plane: keypointPlane(raster, QUERY_KEYPOINTS), zooms, pictures: pictureBoxes(regions), ...(tiles.size ? { tiles } : {}), ...(zooms.length || tiles.size ? { bytes } : {}) };
}

/** The posted picture's upright size, from its header (sides swapped when the raster's orientation says so). */
function uprightSize(bytes: Uint8Array, raster: Raster) {
  const size = imageSize(bytes);
  if (!size) return { width: raster.width, height: raster.height };
  return (size.width > size.height) === (raster.width > raster.height) ? size : { width: size.height, height: size.width };
}

// Compile the crop and hash loops before the first picture arrives, as the model host warms up its model.
prepareImage({ data: new Uint8ClampedArray(400 * 300 * 4).fill(200), width: 400, height: 300, channels: 4 }, 'query');

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, url, role, raw } = e.data;
  try {
    const timing: DecodeTiming = { fetch: 0, decode: 0, prepare: 0 };
    if (e.data.keypoints) {
      const found = await keypointsOf(e.data, e.data.keypoints);
      if (!found) return self.postMessage({ id, ok: true, missing: true, timing } satisfies DecodeReply);
      const { keypoints: k, zooms } = found;
      return self.postMessage({ id, ok: true, ...found, timing } satisfies DecodeReply, { transfer: [k, ...zooms.map((z) => z.keypoints)].flatMap(keypointBuffers) });
    }
    // Posting copies the pixels at once, so the buffer can go back.
    if (raw) return await withRaster(e.data, role, ({ raster }) => self.postMessage({ id, ok: true, raster, timing } satisfies DecodeReply), timing);
    const { prepared, bytes } = await withRaster(e.data, role, ({ raster, bytes }) => {
      const t = performance.now();
      const prepared = prepareImage(raster, role);
      if (role === 'query' && url) {
        kept.set(url, keptOf(raster, bytes, prepared.regions));
      }
      timing.prepare = performance.now() - t;
      return { prepared, bytes };
    }, timing);
    // Only feed pictures: the gallery's works are the artist's own (their import reads it separately).
    const provenance = role === 'query' && !e.data.noProvenance ? await provenanceOf(bytes) : null;
    const transfer = prepared.crops.map((c) => c.data.buffer as ArrayBuffer);
    self.postMessage({ id, ok: true, prepared, provenance, timing } satisfies DecodeReply, { transfer });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply);
  } finally {
    // A frame sent with a picture whose plane is still kept here was not needed; closing twice is harmless.
    e.data.frame?.close();
  }
};
