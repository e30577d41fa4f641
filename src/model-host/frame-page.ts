// The model frame's page, apart from the protocol: the build config (src/cli/manifest.ts) reads it without loading
// the protocol's checks and the engine behind them.

/** The page the manifest declares under `sandbox.pages`. */
export const MODEL_FRAME_PAGE = 'src/model-host/sandbox.html';
