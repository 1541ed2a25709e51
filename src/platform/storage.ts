// Every key the extension stores, declared once with its type and area, and the only code that reads or writes them.
//
// storage.session (memory only, cleared when the browser closes, not readable by content scripts at the default access
// level) holds what is secret or short-lived: pending captures with their passwords, the token, caches.
// storage.local holds settings (the Client Secret included: it must never go to sync storage) and preferences.
import browser from 'webextension-polyfill';
import type { CachedToken, EntrySummary } from '../mysafe';
import type { StagedSteps } from '../capture/steps';
import type { Capture } from '../capture/types';
import type { CaptureDefaults } from '../protocol/save';
import type { ScanSummary } from '../totp/scan-rules';

/** The MySafe list as last fetched: list items hold no secrets. */
export interface StoredList {
  entries: EntrySummary[];
  fetchedAt: number;
}

/** MySafe connection settings. */
export interface Settings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface StoredKeys {
  /** Every capture, whatever its state (src/capture/store.ts). */
  'pending-captures': Capture[];
  /** Username steps of two-step logins, waiting for their password step (src/capture/steps.ts). */
  'username-steps': StagedSteps;
  /** The MySafe list for matching (src/save/entries.ts). */
  'mysafe-list': StoredList;
  /** The OAuth token, so a restarted service worker asks no new one (src/save/connection.ts). */
  'mysafe-token': CachedToken;
  /** The last right-click scan per tab, for the popup to show (src/totp/scan.ts). */
  'qr-last-scan': Record<string, { at: number; summary: ScanSummary }>;
  'mysafe-settings': Partial<Settings>;
  'capture-defaults': Partial<CaptureDefaults>;
  /** Hosts (with port) never to offer captures for. */
  'never-sites': string[];
  /** Tabs whose current page has had the popup opened by a submission (src/platform/open-popup.ts). */
  'popup-opened-tabs': number[];
}

export type StorageKey = keyof StoredKeys;

const AREA: Record<StorageKey, 'session' | 'local'> = {
  'pending-captures': 'session',
  'username-steps': 'session',
  'mysafe-list': 'session',
  'mysafe-token': 'session',
  'qr-last-scan': 'session',
  'popup-opened-tabs': 'session',
  'mysafe-settings': 'local',
  'capture-defaults': 'local',
  'never-sites': 'local',
};

export async function read<K extends StorageKey>(key: K): Promise<StoredKeys[K] | undefined> {
  return (await browser.storage[AREA[key]].get(key))[key] as StoredKeys[K] | undefined;
}

/** Stores `value`, or removes the key when it is undefined. */
export async function write<K extends StorageKey>(key: K, value: StoredKeys[K] | undefined): Promise<void> {
  if (value === undefined) await browser.storage[AREA[key]].remove(key);
  else await browser.storage[AREA[key]].set({ [key]: value });
}

const queues = new Map<StorageKey, Promise<unknown>>();

/**
 * Read, change and write one key, one change at a time per key: two events at once never lose a write. `change`
 * returns the new value (undefined removes the key), or the value it was given to write nothing. Resolves to the
 * value now stored.
 */
export function update<K extends StorageKey>(
  key: K,
  change: (current: StoredKeys[K] | undefined) => StoredKeys[K] | undefined,
): Promise<StoredKeys[K] | undefined> {
  const step = async () => {
    const current = await read(key);
    const next = change(current);
    if (next !== current) await write(key, next);
    return next;
  };
  const run = (queues.get(key) ?? Promise.resolve()).then(step, step);
  queues.set(key, run.catch(() => {}));
  return run;
}

/** Whether a storage.onChanged event touches one of `keys` (a page listens only to the keys it shows). */
export function touches(changes: Record<string, unknown>, areaName: string, keys: readonly StorageKey[]): boolean {
  return keys.some((key) => AREA[key] === areaName && key in changes);
}
