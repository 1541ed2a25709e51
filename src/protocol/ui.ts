import type { Capture } from '../capture/types';
import type { UiError } from './errors';

// What the extension's own pages and the background exchange (the messages themselves: src/protocol/messages.ts;
// errors: ./errors.ts; the values of a capture to save: EntryValues in src/capture/types.ts).

export interface SettingsView {
  baseUrl: string;
  clientId: string;
  /** Whether a Client Secret is stored; the secret itself never leaves the background. */
  hasSecret: boolean;
}

export interface CapturesView {
  configured: boolean;
  /** Every capture, with its state: pending, saving, queued for a retry, failed, or saved a moment ago. */
  captures: Capture[];
}

export type Result<T = void> = { ok: true; value: T } | { ok: false; error: UiError };

