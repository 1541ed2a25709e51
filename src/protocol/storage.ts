// Every key the extension stores, composed from the capabilities' own declarations (src/capture/storage.ts,
// src/save/storage.ts, src/totp/storage.ts: each key once, with its type and area; the generic access is
// src/platform/storage.ts). It sits in protocol/ because stored data is shared by the contexts like messages are: the
// background writes it, the popup and the options page read it and listen to its changes.
//
// storage.session (memory only, cleared when the browser closes, not readable by content scripts at the default access
// level) holds what is secret or short-lived: pending captures with their passwords, the token, caches.
// storage.local holds settings (the Client Secret included: it must never go to sync storage) and preferences.
import { typedStorage, type Areas } from '../platform/storage';
import { CAPTURE_AREAS, type CaptureKeys } from '../capture/storage';
import { SAVE_AREAS, type SaveKeys } from '../save/storage';
import { TOTP_AREAS, type TotpKeys } from '../totp/storage';

export type StoredKeys = CaptureKeys & SaveKeys & TotpKeys;

/** Every key's area. A key two capabilities declare would be kept by the last one only: a unit test checks none is. */
export const AREAS: Areas<StoredKeys> = { ...CAPTURE_AREAS, ...SAVE_AREAS, ...TOTP_AREAS };

export const { read, write, update, touches } = typedStorage<StoredKeys>(AREAS);
