// An in-memory stand-in for `webextension-polyfill` in unit tests: storage.local and storage.session over Maps (values
// cloned on the way in and out, as the browser does), a badge that does nothing and runtime.getURL. A test file adds
// what it needs on top; its vi.mock factory loads this module with `await import('./fake-browser')`.

export type StoreMaps = { local: Map<string, unknown>; session: Map<string, unknown> };

/** A storage area (get / set / remove) over a Map. */
export function storageArea(map: Map<string, unknown>) {
  return {
    async get(keys: string | string[] | null) {
      const wanted = keys === null ? [...map.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => map.has(k)).map((k) => [k, structuredClone(map.get(k))]));
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
    async remove(key: string) {
      map.delete(key);
    },
  };
}

/**
 * The module a `vi.mock('webextension-polyfill', …)` factory returns: the shared APIs, each of `extra`'s namespaces
 * merged into the shared one of that name (or added).
 */
export function fakeBrowserModule(stores: StoreMaps, extra: Record<string, object> = {}) {
  const browser: Record<string, object> = {
    storage: { local: storageArea(stores.local), session: storageArea(stores.session) },
    action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
    runtime: { getURL: (path: string) => `chrome-extension://test-id/${path}` },
  };
  for (const [name, api] of Object.entries(extra)) browser[name] = { ...browser[name], ...api };
  return { default: browser };
}

/** The background's other APIs, as its message handlers meet them: no popup without a gesture, words as their keys. */
export const BACKGROUND_APIS = {
  action: {
    openPopup: async () => {
      throw new Error('no user gesture');
    },
  },
  i18n: { getMessage: (key: string) => key },
  alarms: { create: async () => {}, clear: async () => true },
  webRequest: {
    onBeforeRequest: { addListener: () => {} },
    onCompleted: { addListener: () => {} },
    onErrorOccurred: { addListener: () => {} },
  },
};
