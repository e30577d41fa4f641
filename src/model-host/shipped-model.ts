// Where this document loads the shipped model and wasm binaries from: Firefox's event page runs the model with
// them, and bench:perf's baseline (a typical extension's model, in the host's own document) in both browsers.
import browser from 'webextension-polyfill';
import type { EmbedderOptions } from '../ml/embedder';

export const shippedModel = (): EmbedderOptions => ({ model: browser.runtime.getURL('model/model.json'), wasmPath: browser.runtime.getURL('wasm/') });
