// What the gallery's background modules need from the browser, for Node unit tests: a storage.local kept in
// memory and a model host that answers with fixed signals. Used from `vi.mock` factories (which are hoisted, so
// they import this module themselves).

/** webextension-polyfill with only storage.local, in memory. */
export function storageLocalOnly() {
  const local: Record<string, unknown> = {};
  return { default: { storage: { local: {
    get: async (key: string) => (key in local ? { [key]: local[key] } : {}),
    set: async (items: Record<string, unknown>) => { Object.assign(local, items); },
  } } } };
}

/** Model-host signals of one unit vector along `axis` (256 dimensions, the embedder's): enough for storage paths. */
export function unitSignals(axis = 0, hashes: number[][] = [[1, 2]]) {
  const unit = Array.from({ length: 256 }, (_, i) => (i === axis ? 1 : 0));
  return { hashes, hashQuality: 1, vectors: [unit], style: unit };
}
