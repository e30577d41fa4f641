// In a module of its own so pages that only stamp or compare it (the Gallery page's backup) do not load the
// engine with it (the verdict module pulls in the style reference, ~300 KB).
/**
 * Names the detector that produced a verdict. Stored with every finding and written into evidence, so a finding
 * can be traced to the method behind it; bump it whenever signals, thresholds or fusion change.
 */
export const ENGINE_VERSION = 'inkseal-engine/2026.12-15';
