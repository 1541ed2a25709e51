import type { CachedToken, EntrySummary } from '../mysafe';
import { typedStorage, type Areas } from '../platform/storage';
import type { CaptureDefaults } from './types';

// The keys the save capability stores, each with its type and area (the whole schema: src/protocol/storage.ts).
// storage.session: the token and the list cache; storage.local: settings (the Client Secret included: never sync
// storage) and preferences.

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

export interface SaveKeys {
  /** The MySafe list for matching (src/save/entries.ts). */
  'mysafe-list': StoredList;
  /** The OAuth token, so a restarted service worker asks no new one (src/save/connection.ts). */
  'mysafe-token': CachedToken;
  'mysafe-settings': Partial<Settings>;
  'capture-defaults': Partial<CaptureDefaults>;
  /** Hosts (with port) never to offer captures for. */
  'never-sites': string[];
  /** Sites of the administrator's policy (unlocked) the person removed from the never-sites (src/save/managed.ts). */
  'never-sites-dismissed': string[];
  /** The policy's browserPasswordSaving last applied, so an unlocked one is applied once, not at every start. */
  'policy-browser-saving': boolean;
  /** The popup has offered to turn the browser's own password saving off and the person answered (src/popup/BrowserPromptOffer.tsx). */
  'browser-saving-offered': boolean;
}

export const SAVE_AREAS: Areas<SaveKeys> = {
  'mysafe-list': 'session',
  'mysafe-token': 'session',
  'mysafe-settings': 'local',
  'capture-defaults': 'local',
  'never-sites': 'local',
  'never-sites-dismissed': 'local',
  'policy-browser-saving': 'local',
  'browser-saving-offered': 'local',
};

// update() here and the whole schema's (src/protocol/storage.ts) share one queue per key name (src/platform/storage.ts).
export const { read, write, update } = typedStorage<SaveKeys>(SAVE_AREAS);
