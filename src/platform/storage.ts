// Typed access to storage.session and storage.local over a schema given by the caller: which keys exist, the type of
// each value and its area. This module knows no key: each capability declares its own (src/capture/storage.ts, …), and
// src/protocol/storage.ts composes the whole schema.
import browser from 'webextension-polyfill';

export type StorageArea = 'session' | 'local';

/** The area of every key of a schema. */
export type Areas<Keys> = { readonly [K in keyof Keys]: StorageArea };

export interface TypedStorage<Keys> {
  read<K extends keyof Keys & string>(key: K): Promise<Keys[K] | undefined>;
  /** Stores `value`, or removes the key when it is undefined. */
  write<K extends keyof Keys & string>(key: K, value: Keys[K] | undefined): Promise<void>;
  /**
   * Read, change and write one key, one change at a time per key: two events at once never lose a write. `change`
   * returns the new value (undefined removes the key), or the value it was given to write nothing. Resolves to the
   * value now stored.
   */
  update<K extends keyof Keys & string>(key: K, change: (current: Keys[K] | undefined) => Keys[K] | undefined): Promise<Keys[K] | undefined>;
  /** Whether a storage.onChanged event touches one of `keys` (a page listens only to the keys it shows). */
  touches(changes: Record<string, unknown>, areaName: string, keys: readonly (keyof Keys & string)[]): boolean;
}

// One queue per key name, shared by every TypedStorage of this context.
const queues = new Map<string, Promise<unknown>>();

export function typedStorage<Keys>(areas: Areas<Keys>): TypedStorage<Keys> {
  const read = async <K extends keyof Keys & string>(key: K): Promise<Keys[K] | undefined> =>
    (await browser.storage[areas[key]].get(key))[key] as Keys[K] | undefined;

  const write = async <K extends keyof Keys & string>(key: K, value: Keys[K] | undefined): Promise<void> => {
    if (value === undefined) await browser.storage[areas[key]].remove(key);
    else await browser.storage[areas[key]].set({ [key]: value });
  };

  const update = <K extends keyof Keys & string>(
    key: K,
    change: (current: Keys[K] | undefined) => Keys[K] | undefined,
  ): Promise<Keys[K] | undefined> => {
    const step = async () => {
      const current = await read(key);
      const next = change(current);
      if (next !== current) await write(key, next);
      return next;
    };
    const run = (queues.get(key) ?? Promise.resolve()).then(step, step);
    queues.set(key, run.catch(() => {}));
    return run;
  };

  const touches = (changes: Record<string, unknown>, areaName: string, keys: readonly (keyof Keys & string)[]): boolean =>
    keys.some((key) => areas[key] === areaName && key in changes);

  return { read, write, update, touches };
}
