// Every key the extension stores, declared once with its type and area; read, write and update them through here
// (the generic access is src/platform/storage.ts). It sits in protocol/ because stored data is shared by the contexts
// like messages are: the background writes it, the popup and the options page read it and listen to its changes.
//
// storage.session (memory only, cleared when the browser closes, not readable by content scripts at the default access
// level) holds what is secret or short-lived: pending captures with their passwords, the token, caches.
// storage.local holds settings (the Client Secret included: it must never go to sync storage) and preferences.
import type { CachedToken, EntrySummary } from '../mysafe';
import type { StagedSteps } from '../capture/steps';
import type { Capture } from '../capture/types';
import { typedStorage, type Areas } from '../platform/storage';
import type { CaptureDefaults } from '../save/types';
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
  /** Sites of the administrator's policy (unlocked) the person removed from the never-sites (src/save/managed.ts). */
  'never-sites-dismissed': string[];
  /** The policy's browserPasswordSaving last applied, so an unlocked one is applied once, not at every start. */
  'policy-browser-saving': boolean;
  /** The popup has offered to turn the browser's own password saving off and the person answered (src/popup/BrowserPromptOffer.tsx). */
  'browser-saving-offered': boolean;
  /** Tabs whose current page has had the popup opened by a submission (src/capture/popup-once.ts). */
  'popup-opened-tabs': number[];
}

const AREA: Areas<StoredKeys> = {
  'pending-captures': 'session',
  'username-steps': 'session',
  'mysafe-list': 'session',
  'mysafe-token': 'session',
  'qr-last-scan': 'session',
  'popup-opened-tabs': 'session',
  'mysafe-settings': 'local',
  'capture-defaults': 'local',
  'never-sites': 'local',
  'never-sites-dismissed': 'local',
  'policy-browser-saving': 'local',
  'browser-saving-offered': 'local',
};

export const { read, write, update, touches } = typedStorage<StoredKeys>(AREA);
