// Firefox's pictures (no offscreen API, no sandboxed frame to isolate): the event page's decode workers fetch and
// decode, and the model runs in the event page itself. Loaded on first use so the event page starts without tfjs.
import type { Embedder } from '../ml/embedder';
import { embedPrepared } from '../ml/signals';
import { createDecoders } from './decoders';
import { pictureSignals, type PictureHost } from './pictures';
import { shippedModel } from './shipped-model';

export function createLocalPictures(): PictureHost {
  const decoders = createDecoders(() => new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }));
  let embedder: Promise<Embedder> | undefined;
  const model = () => (embedder ??= import('../ml/embedder').then((m) => m.createEmbedder(shippedModel())));
  return {
    model,
    async signals(url, role, timing) {
      // The picture's decode does not wait for the model to load.
      const [m, prepared] = await Promise.all([model(), decoders.prepare(url, role, { timing })]);
      return pictureSignals(await embedPrepared(m, prepared), prepared.provenance);
    },
    postKeypoints: async (url, levels, tile) => (await decoders.keypoints(url, 'query', { ...(levels ? { levels } : {}), ...(tile !== undefined ? { tile } : {}) }))!,
    workKeypoints: async (url) => (await decoders.keypoints(url, 'gallery'))!.keypoints,
    raster: (url, decoder) => decoders.raster(url, { decoder }),
  };
}
