// Offscreen document entry (Chrome): wiring only. The model, and the decoding of every picture, run in a sandboxed
// frame of this document, which Chromium keeps out of the extension's process (framed-pictures.ts).
import { handle } from '../shared/messaging';
import { createFramedPictures } from './framed-pictures';
import { logHost, modelHostHandlers } from './handlers';

handle('model-host', modelHostHandlers(createFramedPictures({
  onRestart: (pending) => logHost(`model frame restarted at ${performance.now().toFixed(0)} ms, ${pending.length} calls asked again${pending.length ? ` (${pending.join(', ')})` : ''}`),
})));
