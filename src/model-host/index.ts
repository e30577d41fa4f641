// Offscreen document entry (Chrome): wiring only. The model itself runs in a sandboxed frame of this document,
// which Chromium keeps out of the extension's process (framed-embedder.ts).
import { handle } from '../shared/messaging';
import { createFramedEmbedder } from './framed-embedder';
import { logHost, modelHostHandlers, runModelWith } from './handlers';

runModelWith(() => createFramedEmbedder({
  onRestart: (pending) => logHost(`model frame restarted at ${performance.now().toFixed(0)} ms, ${pending} calls asked again`),
}));
handle('model-host', modelHostHandlers);
