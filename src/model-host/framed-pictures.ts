// Chrome's pictures (issue 14): the offscreen document only fetches — bounded, with the extension's host permissions,
// which the sandboxed model frame lacks — and sends the bytes to the frame, where they are decoded, prepared,
// embedded and kept for the second stage (frame-pictures.ts). A picture that crashes its decoder or exhausts memory
// there takes down the frame's process, never the extension's; the frame is made again and asked again
// (framed-embedder.ts). Everything the frame answers is checked (frame-protocol.ts) before it goes on.
import type { Embedder } from '../ml/embedder';
import { fetchBytes } from './decode';
import { MAX_KEY } from './frame-protocol';
import { ModelFrame, createFramedEmbedder, type FrameEvents } from './framed-embedder';
import type { PictureHost } from './pictures';

export function createFramedPictures(events: FrameEvents = {}): PictureHost {
  const frame = new ModelFrame(events);
  let embedder: Promise<Embedder> | undefined;
  // A feed picture's raster is kept in the frame under its address; one too long to be a key is not kept.
  const keyOf = (url: string) => (url.length <= MAX_KEY ? url : '');
  return {
    model: () => (embedder ??= createFramedEmbedder(frame)),
    async signals(url, role, timing) {
      const { bytes } = await fetchBytes(url, timing);
      const { timing: frameTiming, ...signals } = await frame.call({ op: 'picture', bytes, key: role === 'query' ? keyOf(url) : '', role });
      if (timing) Object.assign(timing, { decode: frameTiming.decode, prepare: frameTiming.prepare });
      return signals;
    },
    async postKeypoints(url, levels, tile) {
      const asked = { ...(levels ? { levels } : {}), ...(tile !== undefined ? { tile } : {}) };
      const kept = await frame.call({ op: 'keypoints', key: keyOf(url), kind: 'query', ...asked });
      if (!('missing' in kept)) return kept;
      // The picture left its decode worker's last few, or the frame restarted since it was decoded: fetch it again
      // (asked for a half, the worker keeps it again under its address for the other half).
      const again = await frame.call({ op: 'keypoints', key: levels ? keyOf(url) : '', kind: 'query', bytes: (await fetchBytes(url)).bytes, ...asked });
      if ('missing' in again) throw new Error('the model frame lost a picture it was sent');
      return again;
    },
    async workKeypoints(url) {
      // A work's picture is a data: URL the frame could read, but it is fetched here like any other.
      const k = await frame.call({ op: 'keypoints', key: '', kind: 'gallery', bytes: (await fetchBytes(url)).bytes });
      if ('missing' in k) throw new Error('the model frame lost a picture it was sent');
      return k.keypoints;
    },
    raster: async (url, decoder = 'auto') => frame.call({ op: 'raster', bytes: (await fetchBytes(url)).bytes, decoder }),
  };
}
